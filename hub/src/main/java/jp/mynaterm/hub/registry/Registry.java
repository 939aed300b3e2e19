package jp.mynaterm.hub.registry;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jp.mynaterm.hub.storage.EventKey;
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
 * not applied yet through {@link LinkRules}, in the order the counters made them ({@link LinkOrder}),
 * not the order they arrived: events after the newest applied one apply on top of the registry; an
 * event made before it (a counter that was offline) makes the hub replay that service's link events
 * in order and store the difference. Either way every arrival order gives the same registry. Each
 * change, the record that its events were applied and the staff notices commit together, and the
 * allow-list delta goes to that service's terminals. A crash between ingest and this step loses
 * nothing: the next run finds the events still unapplied. Names and addresses are not here; they are
 * not needed on terminals.
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
      Map<String, List<StoredEvent>> byService = new TreeMap<>();
      for (StoredEvent e : pending) {
        String service = serviceOf(e);
        if (ListName.isService(service)) {
          byService.computeIfAbsent(service, s -> new ArrayList<>()).add(e);
        } else {
          ignore(e);
        }
        applied++;
      }
      for (Map.Entry<String, List<StoredEvent>> s : byService.entrySet()) apply(s.getKey(), s.getValue());
    }
  }

  private static String serviceOf(StoredEvent e) {
    return switch (e.record().event()) {
      case CardLinked linked -> linked.service();
      case CardUnlinked unlinked -> unlinked.service();
      default -> throw new IllegalStateException("not a link event: " + e.record().event().getClass().getSimpleName());
    };
  }

  /** No allow-list can be named after its service; marked applied so it does not hold up the events after it. */
  private void ignore(StoredEvent e) throws SQLException {
    String notice = "ignored a link event from " + e.key().terminal() + " (seq " + e.key().seq() + "): its service is not a valid service name";
    log.warn("registry: {}", notice);
    Instant now = Instant.now();
    db.commit(c -> {
      links.markApplied(c, e.key(), now);
      notices.add(c, e.key(), List.of(notice), now);
    });
  }

  /** Applies one service's pending link events in the counters' order, as one allow-list change. */
  private void apply(String service, List<StoredEvent> pending) throws SQLException {
    pending.sort(Comparator.comparing(LinkOrder::of));
    LinkOrder first = LinkOrder.of(pending.getFirst());
    Optional<LinkOrder> last = links.lastApplied(service);
    boolean inOrder = last.isPresent() && last.get().compareTo(first) < 0;
    LinkFold fold = new LinkFold(lists.allowEntries(service), !inOrder);
    Map<EventKey, List<String>> told = new LinkedHashMap<>();
    if (inOrder) {
      for (StoredEvent e : pending) told.put(e.key(), new ArrayList<>(fold.apply(e.record().event())));
    } else {
      // A link event made before one already applied (or the first run): replay the service in order.
      List<StoredEvent> replay = new ArrayList<>(pending);
      for (StoredEvent e : links.appliedLinkEvents()) if (serviceOf(e).equals(service)) replay.add(e);
      replay.sort(Comparator.comparing(LinkOrder::of));
      if (replay.size() > pending.size()) log.info("registry: {} link events of {} arrived after later ones; replayed {} in the counters' order", pending.size(), service, replay.size());
      Set<EventKey> isPending = new HashSet<>();
      for (StoredEvent e : pending) isPending.add(e.key());
      for (StoredEvent e : replay) {
        List<String> n = fold.apply(e.record().event());
        if (isPending.contains(e.key())) told.put(e.key(), new ArrayList<>(n));
      }
      fold.keepSuspensions();
    }
    for (StoredEvent e : pending) {
      if (!e.record().time().synced()) {
        told.get(e.key()).add("link event from " + e.key().terminal() + " (seq " + e.key().seq() + ") in " + service
            + " was made without a synchronised clock: check it against other counters' changes to the same card or member");
      }
    }
    told.values().forEach(n -> n.forEach(text -> log.info("registry: {}", text)));
    LinkOrder newest = LinkOrder.of(pending.getLast());
    LinkOrder mark = last.filter(l -> l.compareTo(newest) > 0).orElse(newest);
    Instant now = Instant.now();
    downlink.changeAllowList(service, fold.upserts(), fold.removals(), c -> {
      for (Map.Entry<EventKey, List<String>> e : told.entrySet()) {
        links.markApplied(c, e.getKey(), now);
        notices.add(c, e.getKey(), e.getValue(), now);
      }
      links.setLastApplied(c, service, mark);
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
