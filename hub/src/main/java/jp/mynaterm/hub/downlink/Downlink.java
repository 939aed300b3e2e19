package jp.mynaterm.hub.downlink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.Alert;
import jp.mynaterm.protocol.message.AlertWithdrawn;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.AllowListDelta;
import jp.mynaterm.protocol.message.AllowListSnapshot;
import jp.mynaterm.protocol.message.Body;
import jp.mynaterm.protocol.message.ConfigPush;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.ResponseBody;
import jp.mynaterm.protocol.message.RevocationDelta;
import jp.mynaterm.protocol.message.RevocationSnapshot;
import jp.mynaterm.protocol.message.StaffEntry;
import jp.mynaterm.protocol.message.StaffListSnapshot;
import jp.mynaterm.protocol.message.TaxiManifest;
import jp.mynaterm.protocol.staff.StaffRole;
import jp.mynaterm.protocol.mqtt.MqttSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub sends down. Lists (revocation, allow-lists per service) change by versions: each change
 * is stored as a delta and broadcast at once (a staff list, small, is sent whole at each version:
 * {@link #broadcastStaffList}); a terminal that was away asks with a ListSync and gets
 * the deltas it missed, or a chunked snapshot when it is too far behind — never a long broker queue
 * (a broker keeps a bounded number of messages for an offline client). Config is per terminal and
 * retained (the newest is what matters). Alerts go only to the terminals they are for (all on the
 * broadcast, roles and ids on each one's own down branch), with their expiry, and again to every such
 * terminal that syncs while they are active; a withdrawal follows the same way.
 */
public final class Downlink {
  private static final Logger log = LoggerFactory.getLogger(Downlink.class);
  /** More deltas than this and a snapshot is cheaper. */
  private static final int MAX_DELTAS = 50;
  private static final int SERIALS_PER_CHUNK = 5000;
  private static final int ENTRIES_PER_CHUNK = 1000;

  private final Database db;
  private final ListRepository lists;
  private final TerminalRepository terminals;
  private final AlertRepository alerts;
  private final StaffAccounts staff;
  private final Topics topics;
  private final MessageFactory messages;
  private final MessageCodec codec;
  /** The hub's connection; null where nothing is published (tests of storage and rules). */
  private final MqttSession session;

  /** What the city enrolled a terminal as (the terminal PKI's registry), never what the terminal says of itself. */
  @FunctionalInterface
  public interface EnrolledRoles {
    Optional<jp.mynaterm.config.Role> roleOf(String terminal);

    /** No registry (a hub without trust): no terminal gets more than the revocation list. */
    EnrolledRoles NONE = terminal -> Optional.empty();
  }

  private final EnrolledRoles roles;

  /** A taxi vehicle's current manifest (the hub's bookings), for a vehicle that syncs. */
  @FunctionalInterface
  public interface Manifests {
    Optional<TaxiManifest> current(String vehicle) throws SQLException;
  }

  private volatile Manifests manifests = vehicle -> Optional.empty();

  /** Without a connection: changes are stored, and terminals fetch them with their next ListSync. */
  public Downlink(Database db, Topics topics, MessageFactory messages, MessageCodec codec) {
    this(db, topics, messages, codec, EnrolledRoles.NONE, null);
  }

  public Downlink(Database db, Topics topics, MessageFactory messages, MessageCodec codec, EnrolledRoles roles, MqttSession session) {
    this.roles = roles;
    this.session = session;
    this.db = db;
    this.lists = new ListRepository(db);
    this.terminals = new TerminalRepository(db);
    this.alerts = new AlertRepository(db);
    this.staff = new StaffAccounts(db, java.time.Clock.systemUTC());
    this.topics = topics;
    this.messages = messages;
    this.codec = codec;
  }

  /** Revokes (and reinstates) certificate serials as a new version; broadcast to every terminal. */
  public long revoke(List<String> added, List<String> removed) throws SQLException {
    long version =
        lists.changeRevocations(
            ListName.REVOCATION.wire(), added, removed, (from, to) -> MessageCodec.write(new RevocationDelta(from, to, added, removed)));
    broadcast(topics.broadcastList(ListName.REVOCATION), new RevocationDelta(version - 1, version, added, removed));
    return version;
  }

  /** Changes a service's allow-list as a new version; broadcast to every terminal. */
  public long changeAllowList(String service, List<AllowEntry> upserts, List<CardId> removals) throws SQLException {
    return changeAllowList(service, upserts, removals, Database.Step.NOTHING);
  }

  /**
   * The same, with {@code with} committed in the change's transaction (a link event's being applied
   * and its staff notices). A change of nothing makes no version; {@code with} still commits.
   */
  public long changeAllowList(String service, List<AllowEntry> upserts, List<CardId> removals, Database.Step with) throws SQLException {
    ListName list = ListName.allow(service);
    if (upserts.isEmpty() && removals.isEmpty()) {
      if (with != Database.Step.NOTHING) db.commit(with);
      return lists.version(list.wire());
    }
    long version =
        lists.changeAllowList(
            list.wire(), service, upserts, removals, (from, to) -> MessageCodec.write(new AllowListDelta(service, from, to, upserts, removals)), with);
    broadcast(topics.broadcastList(list), new AllowListDelta(service, version - 1, version, upserts, removals));
    return version;
  }

  /**
   * Broadcasts a role's staff list whole if its version moved past {@code sent} (accounts change in
   * whichever process runs {@code mynaterm hub staff}; the hub looks for new versions); returns the
   * version now sent, or {@code sent} when it could not be sent now.
   */
  public long broadcastStaffList(StaffRole role, long sent) throws SQLException {
    ListName list = ListName.staff(role);
    long version = lists.version(list.wire()); // before the accounts: a newer list under an older version is only sent again
    if (version <= sent) return sent;
    boolean all = true;
    for (Body chunk : snapshot(list, version)) all &= publish(topics.broadcastList(list), messages.forTerminal("*").envelope(chunk), false);
    return all ? version : sent;
  }

  /** Pushes settings to one terminal, retained on its config topic so it gets them whenever it connects. */
  public void pushConfig(String terminal, long version, JsonNode settings) throws SQLException {
    ConfigPush push = new ConfigPush(version, settings);
    terminals.saveConfig(terminal, push);
    publish(topics.down(terminal, Topics.Down.CONFIG), messages.forTerminal(terminal).envelope(push), true);
  }

  /** Where a syncing taxi vehicle's manifest comes from (the hub's bookings). */
  public void manifests(Manifests source) {
    this.manifests = source;
  }

  /**
   * Sends a vehicle its manifest on its own down branch only: the broker lets no other terminal read it
   * ({@code TopicRules}). Not retained: a vehicle away gets the current version with its next ListSync.
   */
  public boolean sendManifest(String vehicle, TaxiManifest manifest) {
    return publish(topics.down(vehicle, Topics.Down.LISTS), messages.forTerminal(vehicle).envelope(manifest), false);
  }

  /** Sends an alert from the hub itself (tests, the demo); staff send with {@link #sendAlert}. */
  public void alert(Alert alert) throws SQLException {
    sendAlert(alert, "hub");
  }

  /**
   * Stores a new alert (audited as sent by {@code by}) and publishes it to the terminals it is for,
   * now if connected, else at the next {@link #publishPendingAlerts}; terminals away get it at their sync.
   *
   * @throws IllegalArgumentException when an alert with this id was sent before
   */
  public void sendAlert(Alert alert, String by) throws SQLException {
    alerts.send(alert, by, Instant.now());
    publishPendingAlerts();
  }

  /** Withdraws an active alert (audited) and tells the terminals it was for; false if it is not active. */
  public boolean withdrawAlert(String alertId, String by) throws SQLException {
    boolean withdrawn = alerts.withdraw(alertId, by, Instant.now());
    if (withdrawn) publishPendingAlerts();
    return withdrawn;
  }

  public AlertRepository alerts() {
    return alerts;
  }

  /**
   * Publishes what staff sent or withdrew and no hub has published yet (the CLI only writes the
   * database; the running hub calls this every second, {@link AlertFeed}). Only the terminals an
   * alert is for get it: all on the broadcast, roles and ids each on its own down branch.
   */
  public synchronized void publishPendingAlerts() throws SQLException {
    if (session == null || !session.connected()) return;
    // Hubs of a group on one PostgreSQL: one publishes, so no alert goes out twice (read, publish, mark).
    db.alone("alerts", () -> {
      Instant now = Instant.now();
      for (Alert a : alerts.unpublished(now)) {
        if (publishAlert(a, a)) alerts.published(a.alertId(), now);
      }
      for (Alert a : alerts.unpublishedWithdrawals(now)) {
        if (publishAlert(a, new AlertWithdrawn(a.alertId()))) alerts.withdrawalPublished(a.alertId(), now);
      }
    });
  }

  /** {@code body} (the alert or its withdrawal) to the terminals {@code alert} is for; whether all of it is on its way. */
  private boolean publishAlert(Alert alert, Body body) throws SQLException {
    if (alert.targets().all()) return publish(topics.broadcastAlerts(), messages.forTerminal("*").envelope(body), false);
    boolean all = true;
    for (String terminal : alertRecipients(alert)) {
      all &= publish(topics.down(terminal, Topics.Down.ALERTS), messages.forTerminal(terminal).envelope(body), false);
    }
    return all;
  }

  /**
   * The terminals an alert is for: those it names, and those the hub knows whose role is one it names
   * ({@link #roleForAlerts}). A terminal the hub has never heard from gets it with its first sync.
   */
  public java.util.SortedSet<String> alertRecipients(Alert alert) throws SQLException {
    java.util.SortedSet<String> out = new java.util.TreeSet<>(alert.targets().terminals());
    for (TerminalRepository.Seen seen : terminals.seen()) {
      if (alert.targets().includes(seen.terminal(), roleForAlerts(seen.terminal(), Optional.ofNullable(seen.role())))) out.add(seen.terminal());
    }
    return out;
  }

  /**
   * The role an alert's targets are matched against: the one the city enrolled the terminal as; only
   * a hub without a terminal registry (a plaintext test broker) goes by what the terminal's birth said.
   */
  private Optional<String> roleForAlerts(String terminal, Optional<String> birthRole) {
    if (roles == EnrolledRoles.NONE) return birthRole;
    return roles.roleOf(terminal).map(jp.mynaterm.config.Role::key);
  }

  /**
   * A terminal's ListSync: the deltas or snapshots of the lists its enrolled role reads, its pushed
   * config and the active alerts, on its own down branch; the answer says the versions now current.
   */
  public ResponseBody listSync(String terminal, Map<String, Long> have) {
    try {
      Map<String, Long> current = new LinkedHashMap<>();
      // Only the lists the broker lets this terminal's role read: its enrolled role, not its birth message or its "have".
      List<ListName> wanted =
          roles.roleOf(terminal).map(r -> ListName.heldBy(r.allowListService(), r.staffRole())).orElse(List.of(ListName.REVOCATION));
      String to = topics.down(terminal, Topics.Down.LISTS);
      MessageFactory forTerminal = messages.forTerminal(terminal);
      for (ListName list : wanted) {
        long version = lists.version(list.wire());
        current.put(list.wire(), version);
        long held = have.getOrDefault(list.wire(), 0L);
        if (version == 0 || held == version) continue;
        Optional<Class<? extends Body>> deltaType =
            switch (list) {
              case ListName.Revocation r -> Optional.of(RevocationDelta.class);
              case ListName.Allow a -> Optional.of(AllowListDelta.class);
              case ListName.Staff st -> Optional.empty(); // sent whole at every version
            };
        List<String> deltas = deltaType.isPresent() && held > 0 && held < version ? lists.deltasAfter(list.wire(), held) : List.of();
        if (!deltas.isEmpty() && deltas.size() == version - held && deltas.size() <= MAX_DELTAS) {
          for (String d : deltas) publish(to, forTerminal.envelope(MessageCodec.read(d, deltaType.get())), false);
        } else {
          for (Body chunk : snapshot(list, version)) publish(to, forTerminal.envelope(chunk), false);
        }
      }
      if (roles.roleOf(terminal).filter(r -> r == jp.mynaterm.config.Role.TAXI).isPresent()) {
        Optional<TaxiManifest> manifest = manifests.current(terminal);
        if (manifest.isPresent()) {
          current.put(TaxiManifest.LIST, manifest.get().version());
          if (have.getOrDefault(TaxiManifest.LIST, 0L) != manifest.get().version()) publish(to, forTerminal.envelope(manifest.get()), false);
        }
      }
      terminals.config(terminal).ifPresent(c -> {
        if (c.version() > have.getOrDefault(ListName.CONFIG_VERSION, 0L)) publish(topics.down(terminal, Topics.Down.CONFIG), forTerminal.envelope(c), true);
      });
      // The alerts meant for it, and the withdrawal of those withdrawn while it was away, on its own alerts channel.
      String alertsTo = topics.down(terminal, Topics.Down.ALERTS);
      Optional<String> role = roleForAlerts(terminal, terminals.roleOf(terminal));
      Instant now = Instant.now();
      for (Alert a : alerts.active(now)) if (a.targets().includes(terminal, role)) publish(alertsTo, forTerminal.envelope(a), false);
      for (Alert a : alerts.withdrawnUnexpired(now)) if (a.targets().includes(terminal, role)) publish(alertsTo, forTerminal.envelope(new AlertWithdrawn(a.alertId())), false);
      return new ResponseBody.ListSyncStarted(current);
    } catch (SQLException | IOException e) {
      log.error("list sync for {} failed: {}", terminal, e.getMessage());
      return new ResponseBody.Refused("unavailable", "list sync failed; ask again later");
    }
  }

  private List<Body> snapshot(ListName list, long version) throws SQLException {
    List<Body> out = new ArrayList<>();
    switch (list) {
      case ListName.Revocation r -> {
        List<List<String>> parts = chunks(lists.revokedEntries(), SERIALS_PER_CHUNK);
        for (int i = 0; i < parts.size(); i++) out.add(new RevocationSnapshot(version, i + 1, parts.size(), parts.get(i)));
      }
      case ListName.Allow a -> {
        List<List<AllowEntry>> parts = chunks(lists.allowEntries(a.service()), ENTRIES_PER_CHUNK);
        for (int i = 0; i < parts.size(); i++) out.add(new AllowListSnapshot(a.service(), version, i + 1, parts.size(), parts.get(i)));
      }
      case ListName.Staff st -> {
        List<List<StaffEntry>> parts = chunks(staff.listFor(st.role()), ENTRIES_PER_CHUNK);
        for (int i = 0; i < parts.size(); i++) out.add(new StaffListSnapshot(st.role().wire(), version, i + 1, parts.size(), parts.get(i)));
      }
    }
    return out;
  }

  /** At least one chunk, so an empty list still arrives as a (empty) snapshot. */
  static <T> List<List<T>> chunks(List<T> all, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += size) out.add(all.subList(i, Math.min(all.size(), i + size)));
    if (out.isEmpty()) out.add(List.of());
    return out;
  }

  private void broadcast(String topic, Body body) {
    publish(topic, messages.forTerminal("*").envelope(body), false);
  }

  /** Whether it is on its way; if not, terminals get it with their next ListSync (lists and config are stored). */
  private boolean publish(String topic, jp.mynaterm.protocol.message.Envelope envelope, boolean retained) {
    MqttSession s = session;
    if (s == null || s.publish(topic, codec.encode(envelope), retained) != MqttSession.Sent.IN_FLIGHT) {
      log.info("hub not connected to the broker: {} not sent now, terminals fetch it on their next sync", topic);
      return false;
    }
    return true;
  }
}
