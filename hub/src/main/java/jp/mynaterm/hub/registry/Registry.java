package jp.mynaterm.hub.registry;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.hub.downlink.Downlink;
import java.time.Instant;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.hub.storage.StoredEvent;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services' registries (CardId → member, class, status), kept from the {@code CardLinked} and
 * {@code CardUnlinked} events terminals send. After every ingest batch it applies the link events
 * not applied yet, in the order the hub received them, through {@link LinkRules}; each change and
 * the record that its event was applied commit together, and the allow-list delta goes to that
 * service's terminals. A crash between ingest and this step loses nothing: the next run finds the
 * events still unapplied. Names and addresses are not here; they are not needed on terminals.
 */
public final class Registry {
  private static final Logger log = LoggerFactory.getLogger(Registry.class);
  private static final int BATCH = 500;

  private final Database db;
  private final ListRepository lists;
  private final RegistryRepository links;
  private final NoticeRepository notices;
  private final Downlink downlink;

  public Registry(Database db, Downlink downlink) {
    this.db = db;
    this.lists = new ListRepository(db);
    this.links = new RegistryRepository(db);
    this.notices = new NoticeRepository(db);
    this.downlink = downlink;
  }

  /** Applies every link event not applied yet; returns how many. Safe to call from several hubs. */
  public synchronized int applyPending() throws SQLException {
    int applied = 0;
    while (true) {
      List<StoredEvent> pending = links.unappliedLinkEvents(BATCH);
      if (pending.isEmpty()) return applied;
      for (StoredEvent e : pending) {
        apply(e);
        applied++;
      }
    }
  }

  private void apply(StoredEvent e) throws SQLException {
    String service;
    LinkRules.Decision d;
    switch (e.record().event()) {
      case CardLinked linked -> {
        service = linked.service();
        d = LinkRules.link(linked, lists.allowEntry(service, linked.cardId()), lists.allowEntryOfMember(service, linked.member()));
      }
      case CardUnlinked unlinked -> {
        service = unlinked.service();
        d = LinkRules.unlink(unlinked, lists.allowEntry(service, unlinked.cardId()));
      }
      default -> throw new IllegalStateException("not a link event: " + e.record().event().getClass().getSimpleName());
    }
    if (!ListName.isService(service)) {
      // No allow-list can be named after it; marked applied so it does not hold up the events after it.
      String notice = "ignored a link event from " + e.key().terminal() + " (seq " + e.key().seq() + "): its service is not a valid service name";
      log.warn("registry: {}", notice);
      Instant now = Instant.now();
      db.commit(c -> {
        links.markApplied(c, e.key(), now);
        notices.add(c, e.key(), List.of(notice), now);
      });
      return;
    }
    for (String notice : d.notices()) log.info("registry: {}", notice);
    Instant now = Instant.now();
    downlink.changeAllowList(service, d.upserts(), d.removals(), c -> {
      links.markApplied(c, e.key(), now);
      notices.add(c, e.key(), d.notices(), now);
    });
  }

  /**
   * Suspends or reinstates a member (the service's decision, e.g. unpaid fees or misuse); the change
   * reaches the service's terminals as an allow-list delta, and a suspended card is refused there
   * offline. Returns false if the member has no card linked in that service.
   */
  public synchronized boolean setStatus(String service, String member, MemberStatus status) throws SQLException {
    Optional<AllowEntry> current = lists.allowEntryOfMember(service, member);
    if (current.isEmpty()) return false;
    AllowEntry e = current.get();
    if (e.status() != status) {
      downlink.changeAllowList(service, List.of(new AllowEntry(e.cardId(), e.member(), e.category(), status)), List.of());
      log.info("registry: member {} in {} is now {}", member, service, status.name().toLowerCase());
    }
    return true;
  }

  /** What staff should look at: cards that changed hands, renewed cards, stale unlinks. Newest first. */
  public List<String> notices(int limit) throws SQLException {
    return notices.newest(limit);
  }
}
