package jp.mynaterm.agent.downlink;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import jp.mynaterm.agent.store.SqliteFile;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.Alert;
import jp.mynaterm.protocol.message.AlertWithdrawn;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.AllowListDelta;
import jp.mynaterm.protocol.message.AllowListSnapshot;
import jp.mynaterm.protocol.message.Body;
import jp.mynaterm.protocol.message.ConfigPush;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.RevocationDelta;
import jp.mynaterm.protocol.message.RevocationSnapshot;
import jp.mynaterm.protocol.message.Severity;
import jp.mynaterm.protocol.message.StaffEntry;
import jp.mynaterm.protocol.message.StaffListSnapshot;
import jp.mynaterm.protocol.message.TaxiManifest;
import jp.mynaterm.protocol.staff.StaffRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub sent down, kept in SQLite so a terminal rebooted offline still checks cards against
 * its lists: the revocation list, allow-lists per service, its staff list (so staff sign in offline),
 * the pushed configuration and alerts.
 * Snapshots and deltas apply by version: a delta applies only on top of the version it starts from
 * (otherwise it reports a {@link Applied.Gap} and the agent asks the hub with a ListSync); a chunked
 * snapshot replaces a list atomically once all its chunks are in.
 *
 * <p>This is the durable copy only; the in-memory lookup used on a tap is built from it elsewhere
 * ({@code jp.mynaterm.protocol.card}), through {@link #revokedSerials}, {@link #allowEntries}
 * and {@link #onChange}. A list that cannot be read whole is not read at all: the caller keeps the
 * copy it has, and the failure stays in {@link #readFaults} (for the heartbeat) until a read succeeds.
 * When the hub last confirmed each list current is kept too ({@link #confirmedAt}), so a terminal
 * knows its lists' age even after a reboot offline.
 */
public final class DownlinkStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DownlinkStore.class);
  private static final String CONFIG = ListName.CONFIG_VERSION;

  private final Connection db;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, String> readFaults = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Consumer<Body>> appliedListeners = new CopyOnWriteArrayList<>();

  private DownlinkStore(Connection db) {
    this.db = db;
  }

  public static DownlinkStore open(Path file) throws IOException {
    return new DownlinkStore(SqliteFile.open(file, DownlinkStore::schema).connection());
  }

  private static void schema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS list_version (name TEXT PRIMARY KEY, version INTEGER NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS snapshot_chunk (name TEXT NOT NULL, version INTEGER NOT NULL, chunk INTEGER NOT NULL,"
              + " chunks INTEGER NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (name, version, chunk))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS allow_entry (service TEXT NOT NULL, card_id TEXT NOT NULL, member TEXT NOT NULL,"
              + " category TEXT NOT NULL, status TEXT NOT NULL, PRIMARY KEY (service, card_id))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS staff_account (role TEXT NOT NULL, user_id TEXT NOT NULL, roles TEXT NOT NULL,"
              + " password_hash TEXT NOT NULL, disabled INTEGER NOT NULL, PRIMARY KEY (role, user_id))");
      s.execute("CREATE TABLE IF NOT EXISTS config (version INTEGER NOT NULL, settings TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS alert (id TEXT PRIMARY KEY, severity TEXT NOT NULL, text TEXT NOT NULL, expires_ms INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS list_confirmed (name TEXT PRIMARY KEY, at_ms INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS taxi_manifest (version INTEGER NOT NULL, payload TEXT NOT NULL)");
    }
    alertColumns(c);
    revocationTables(c);
  }

  /**
   * The revocation list is the snapshot's entries ({@code revoked}) plus an overlay of the deltas since
   * ({@code revoked_delta}: 1 revoked, 0 no longer). A 10,000-entry delta inserted into the 1M-row
   * table dirtied most of its leaf pages (about 280 ms on this machine, 900 ms under load); into the
   * small overlay it costs tens of ms. The overlay is merged at the next snapshot, or once it holds
   * {@link #MERGE_OVERLAY_AT} entries. Both are WITHOUT ROWID, keyed by the entry itself: one B-tree
   * instead of a table and its index, half the file and half the writes of a snapshot.
   */
  private static void revocationTables(Connection c) throws SQLException {
    String existing;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'revoked'")) {
      existing = rs.next() ? rs.getString(1) : null;
    }
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      if (existing == null) {
        s.execute(REVOKED_TABLE);
      } else if (!existing.toUpperCase(java.util.Locale.ROOT).contains("WITHOUT ROWID")) {
        // A file written before the overlay: its list moves over whole, in one transaction.
        s.execute("ALTER TABLE revoked RENAME TO revoked_rowid");
        s.execute(REVOKED_TABLE);
        s.execute("INSERT OR IGNORE INTO revoked (serial) SELECT serial FROM revoked_rowid ORDER BY serial");
        s.execute("DROP TABLE revoked_rowid");
      }
      s.execute("CREATE TABLE IF NOT EXISTS revoked_delta (serial TEXT PRIMARY KEY, revoked INTEGER NOT NULL) WITHOUT ROWID");
      c.commit();
    } catch (SQLException e) {
      SqliteFile.rollbackQuietly(c);
      throw e;
    } finally {
      SqliteFile.autoCommitQuietly(c);
    }
  }

  /**
   * What a file from before targets and acknowledgements lacks: the whole alert as received
   * ({@code payload}; its rows are read from their old columns, for all at normal priority), whether
   * staff withdrew it, when this terminal showed it, and which acknowledgements are in the outbox.
   */
  private static void alertColumns(Connection c) throws SQLException {
    java.util.Set<String> have = new java.util.HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA table_info(alert)")) {
      while (rs.next()) have.add(rs.getString("name"));
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("payload", "TEXT");
    wanted.put("withdrawn", "INTEGER NOT NULL DEFAULT 0");
    wanted.put("shown_ms", "INTEGER");
    wanted.put("received_acked", "INTEGER NOT NULL DEFAULT 0");
    wanted.put("shown_acked", "INTEGER NOT NULL DEFAULT 0");
    try (Statement s = c.createStatement()) {
      for (var e : wanted.entrySet()) if (!have.contains(e.getKey())) s.execute("ALTER TABLE alert ADD COLUMN " + e.getKey() + " " + e.getValue());
    }
  }

  private static final String REVOKED_TABLE = "CREATE TABLE revoked (serial TEXT PRIMARY KEY) WITHOUT ROWID";

  /**
   * Overlay entries past which a delta's apply merges them into the snapshot's table (about a second
   * for 1M entries, once per this many revocations); below it a 10,000-entry delta stays under 100 ms.
   */
  static final int MERGE_OVERLAY_AT = 50_000;

  /** Called with the list name ({@code revocation}, {@code allow-taxi}, {@code staff-library}, {@code config}, {@code alert}) after each change. */
  public void onChange(Consumer<String> listener) {
    listeners.add(listener);
  }

  /**
   * Called with each message that changed a list, once it is stored (a snapshot's last chunk, a
   * delta): an in-memory copy applies a delta alone (10,000 entries in milliseconds) instead of
   * re-reading the whole list from disk.
   */
  public void onApplied(Consumer<Body> listener) {
    appliedListeners.add(listener);
  }

  /** Applies one message from the hub; never throws. */
  public Applied apply(Body body) {
    Applied result;
    synchronized (this) {
      try {
        result =
            switch (body) {
              case RevocationSnapshot s -> snapshot(ListName.REVOCATION, s.version(), s.chunk(), s.chunks(), MessageCodec.write(s.serials()));
              case AllowListSnapshot s -> snapshot(ListName.allow(s.service()), s.version(), s.chunk(), s.chunks(), MessageCodec.write(s.entries()));
              case StaffListSnapshot s ->
                  snapshot(ListName.staff(StaffRole.ofWire(s.role()).orElseThrow()), s.version(), s.chunk(), s.chunks(), MessageCodec.write(s.accounts()));
              case RevocationDelta d -> delta(ListName.REVOCATION.wire(), d.fromVersion(), d.toVersion(), () -> revocationDelta(d));
              case AllowListDelta d -> delta(ListName.allow(d.service()).wire(), d.fromVersion(), d.toVersion(), () -> allowDelta(d));
              case ConfigPush c -> config(c);
              case Alert a -> alert(a);
              case TaxiManifest m -> manifest(m);
              case AlertWithdrawn w -> withdrawn(w);
              default -> new Applied.NotApplied("not a downlink list, config or alert: " + body.getClass().getSimpleName());
            };
      } catch (SQLException | IOException e) {
        SqliteFile.rollbackQuietly(db);
        log.error("cannot store a {} from the hub: {}", body.getClass().getSimpleName(), e.getMessage());
        result = new Applied.NotApplied("storage: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        // A service name that cannot be a list name (ListName.allow): nothing was written.
        log.warn("ignored a {} from the hub: {}", body.getClass().getSimpleName(), e.getMessage());
        result = new Applied.NotApplied(e.getMessage());
      } finally {
        SqliteFile.autoCommitQuietly(db);
      }
    }
    if (result instanceof Applied.Changed c) {
      confirmed(Map.of(c.list(), c.version()), Instant.now());
      for (Consumer<Body> l : appliedListeners) {
        try {
          l.accept(body);
        } catch (RuntimeException e) {
          log.warn("a downlink listener failed on {}: {}", c.list(), e.toString());
        }
      }
      for (Consumer<String> l : listeners) {
        try {
          l.accept(c.list());
        } catch (RuntimeException e) {
          log.warn("a downlink listener failed on {}: {}", c.list(), e.toString());
        }
      }
      // After the listeners: the taps already see the delta while the overlay merges.
      if (body instanceof RevocationDelta) {
        synchronized (this) {
          mergeRevocationOverlayIfLarge();
        }
      }
    }
    return result;
  }

  @FunctionalInterface
  private interface Change {
    void run() throws SQLException;
  }

  private Applied delta(String list, long from, long to, Change change) throws SQLException {
    long have = version(list);
    if (to <= have) return new Applied.AlreadyHave(list, have);
    if (from != have) return new Applied.Gap(list, have, from);
    db.setAutoCommit(false);
    change.run();
    setVersion(list, to);
    db.commit();
    return new Applied.Changed(list, to);
  }

  private void revocationDelta(RevocationDelta d) throws SQLException {
    // Into the overlay, one statement per side (json_each: no call per entry), in key order so
    // neighbouring entries share pages; added first, then removed, so an entry in both ends removed
    // as in memory.
    try (PreparedStatement p =
        db.prepareStatement("INSERT OR REPLACE INTO revoked_delta (serial, revoked) SELECT value, ? FROM json_each(?) ORDER BY value")) {
      p.setInt(1, 1);
      p.setString(2, MessageCodec.write(d.added()));
      p.executeUpdate();
      p.setInt(1, 0);
      p.setString(2, MessageCodec.write(d.removed()));
      p.executeUpdate();
    }
  }

  /**
   * Merges the overlay into the snapshot's table once it is large, in its own transaction after the
   * delta's: a failure here leaves the delta committed in the overlay, and the list whole either way.
   */
  private void mergeRevocationOverlayIfLarge() {
    try {
      long overlay;
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM revoked_delta")) {
        overlay = rs.next() ? rs.getLong(1) : 0;
      }
      if (overlay < MERGE_OVERLAY_AT) return;
      db.setAutoCommit(false);
      exec("DELETE FROM revoked WHERE serial IN (SELECT serial FROM revoked_delta WHERE revoked = 0)");
      exec("INSERT OR IGNORE INTO revoked (serial) SELECT serial FROM revoked_delta WHERE revoked = 1");
      exec("DELETE FROM revoked_delta");
      db.commit();
    } catch (SQLException e) {
      SqliteFile.rollbackQuietly(db);
      log.warn("cannot merge the revocation deltas into the list (they stay in the overlay): {}", e.getMessage());
    } finally {
      SqliteFile.autoCommitQuietly(db);
    }
  }

  private void allowDelta(AllowListDelta d) throws SQLException {
    upsertEntries(d.service(), d.upserts());
    try (PreparedStatement remove = db.prepareStatement("DELETE FROM allow_entry WHERE service = ? AND card_id = ?")) {
      for (CardId id : d.removals()) {
        remove.setString(1, d.service());
        remove.setString(2, id.value());
        remove.addBatch();
      }
      remove.executeBatch();
    }
  }

  private void upsertEntries(String service, List<AllowEntry> entries) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement("INSERT OR REPLACE INTO allow_entry (service, card_id, member, category, status) VALUES (?, ?, ?, ?, ?)")) {
      for (AllowEntry e : entries) {
        p.setString(1, service);
        p.setString(2, e.cardId().value());
        p.setString(3, e.member());
        p.setString(4, e.category());
        p.setString(5, e.status().name());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private Applied snapshot(ListName name, long version, int chunk, int chunks, String payload) throws SQLException, IOException {
    String list = name.wire();
    long have = version(list);
    if (version <= have) return new Applied.AlreadyHave(list, have);
    db.setAutoCommit(false);
    try (PreparedStatement p =
        db.prepareStatement("INSERT OR REPLACE INTO snapshot_chunk (name, version, chunk, chunks, payload) VALUES (?, ?, ?, ?, ?)")) {
      p.setString(1, list);
      p.setLong(2, version);
      p.setInt(3, chunk);
      p.setInt(4, chunks);
      p.setString(5, payload);
      p.executeUpdate();
    }
    // Only count the chunks stored: reading their payloads for every new chunk made a 1M-serial
    // snapshot read about 2 GB on a Pi. The payloads are read once, when the last chunk is in.
    if (storedChunks(list, version) < chunks) {
      db.commit();
      return new Applied.ChunkStored(list, version, chunk, chunks);
    }
    if (name instanceof ListName.Revocation) {
      exec("DELETE FROM revoked");
      exec("DELETE FROM revoked_delta");
      // Straight from the stored chunks, in key order so the B-tree grows at its end (random order
      // made 1M inserts ~4x slower); json_each rejects a malformed chunk and the whole snapshot with it.
      try (PreparedStatement add = db.prepareStatement(
          "INSERT OR IGNORE INTO revoked (serial) SELECT j.value FROM snapshot_chunk c, json_each(c.payload) j"
              + " WHERE c.name = ? AND c.version = ? ORDER BY j.value")) {
        add.setString(1, list);
        add.setLong(2, version);
        add.executeUpdate();
      }
    } else if (name instanceof ListName.Allow allow) {
      String service = allow.service();
      try (PreparedStatement p = db.prepareStatement("DELETE FROM allow_entry WHERE service = ?")) {
        p.setString(1, service);
        p.executeUpdate();
      }
      for (String part : storedPayloads(list, version)) upsertEntries(service, MessageCodec.mapper().readValue(part, new TypeReference<List<AllowEntry>>() {}));
    } else if (name instanceof ListName.Staff staff) {
      replaceStaff(staff.role(), storedPayloads(list, version));
    }
    try (PreparedStatement p = db.prepareStatement("DELETE FROM snapshot_chunk WHERE name = ? AND version <= ?")) {
      p.setString(1, list);
      p.setLong(2, version);
      p.executeUpdate();
    }
    setVersion(list, version);
    db.commit();
    return new Applied.Changed(list, version);
  }

  private void replaceStaff(StaffRole role, List<String> parts) throws SQLException, IOException {
    try (PreparedStatement p = db.prepareStatement("DELETE FROM staff_account WHERE role = ?")) {
      p.setString(1, role.wire());
      p.executeUpdate();
    }
    try (PreparedStatement p =
        db.prepareStatement("INSERT OR REPLACE INTO staff_account (role, user_id, roles, password_hash, disabled) VALUES (?, ?, ?, ?, ?)")) {
      for (String part : parts) {
        for (StaffEntry e : MessageCodec.mapper().readValue(part, new TypeReference<List<StaffEntry>>() {})) {
          p.setString(1, role.wire());
          p.setString(2, e.user());
          p.setString(3, MessageCodec.write(e.roles()));
          p.setString(4, e.passwordHash());
          p.setInt(5, e.disabled() ? 1 : 0);
          p.addBatch();
        }
      }
      p.executeBatch();
    }
  }

  private int storedChunks(String list, long version) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("SELECT COUNT(*) FROM snapshot_chunk WHERE name = ? AND version = ?")) {
      p.setString(1, list);
      p.setLong(2, version);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  private List<String> storedPayloads(String list, long version) throws SQLException {
    List<String> parts = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT payload FROM snapshot_chunk WHERE name = ? AND version = ? ORDER BY chunk")) {
      p.setString(1, list);
      p.setLong(2, version);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) parts.add(rs.getString(1));
      }
    }
    return parts;
  }

  private Applied config(ConfigPush c) throws SQLException {
    long have = version(CONFIG);
    if (c.version() <= have) return new Applied.AlreadyHave(CONFIG, have);
    db.setAutoCommit(false);
    exec("DELETE FROM config");
    try (PreparedStatement p = db.prepareStatement("INSERT INTO config (version, settings) VALUES (?, ?)")) {
      p.setLong(1, c.version());
      p.setString(2, MessageCodec.write(c.settings()));
      p.executeUpdate();
    }
    setVersion(CONFIG, c.version());
    db.commit();
    return new Applied.Changed(CONFIG, c.version());
  }

  /** A vehicle's manifest, whole at each version: a newer one replaces it, an older one (arriving late) is ignored. */
  private Applied manifest(TaxiManifest m) throws SQLException {
    long have = version(TaxiManifest.LIST);
    if (m.version() <= have) return new Applied.AlreadyHave(TaxiManifest.LIST, have);
    db.setAutoCommit(false);
    exec("DELETE FROM taxi_manifest");
    try (PreparedStatement p = db.prepareStatement("INSERT INTO taxi_manifest (version, payload) VALUES (?, ?)")) {
      p.setLong(1, m.version());
      p.setString(2, MessageCodec.write(m));
      p.executeUpdate();
    }
    setVersion(TaxiManifest.LIST, m.version());
    db.commit();
    return new Applied.Changed(TaxiManifest.LIST, m.version());
  }

  /** The taxi manifest held, if the hub sent one (a vehicle with bookings). */
  public synchronized Optional<TaxiManifest> taxiManifest() {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT payload FROM taxi_manifest")) {
      return rs.next() ? Optional.of(MessageCodec.read(rs.getString(1), TaxiManifest.class)) : Optional.empty();
    } catch (SQLException | IOException e) {
      log.error("cannot read the taxi manifest: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** A new alert is a change (its listeners show it); one held already, or expired, is not. */
  private Applied alert(Alert a) throws SQLException {
    if (!a.expires().isAfter(Instant.now())) return new Applied.AlreadyHave(ALERT, 0);
    try (PreparedStatement p =
        db.prepareStatement("INSERT OR IGNORE INTO alert (id, severity, text, expires_ms, payload) VALUES (?, ?, ?, ?, ?)")) {
      p.setString(1, a.alertId());
      p.setString(2, a.severity().name());
      p.setString(3, MessageCodec.write(a.text()));
      p.setLong(4, a.expires().toEpochMilli());
      p.setString(5, MessageCodec.write(a));
      return p.executeUpdate() > 0 ? new Applied.Changed(ALERT, 0) : new Applied.AlreadyHave(ALERT, 0);
    }
  }

  private Applied withdrawn(AlertWithdrawn w) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("UPDATE alert SET withdrawn = 1 WHERE id = ? AND withdrawn = 0")) {
      p.setString(1, w.alertId());
      return p.executeUpdate() > 0 ? new Applied.Changed(ALERT, 0) : new Applied.AlreadyHave(ALERT, 0);
    }
  }

  /** The versions of every list held (config included), for Birth, heartbeats and ListSync. */
  public synchronized Map<String, Long> versions() {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, version FROM list_version ORDER BY name")) {
      while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
    } catch (SQLException e) {
      log.error("cannot read list versions: {}", e.getMessage());
    }
    return out;
  }

  /** The version held of a list, 0 if none yet. */
  public synchronized long version(String list) {
    try (PreparedStatement p = db.prepareStatement("SELECT version FROM list_version WHERE name = ?")) {
      p.setString(1, list);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      log.error("cannot read the version of {}: {}", list, e.getMessage());
      return 0;
    }
  }

  /**
   * Every revoked serial held, in no particular order (for building the in-memory lookup): all of them
   * or, when the store cannot be read, none, with the failure noted in {@link #readFaults}. A partial
   * list would let revoked cards through.
   */
  public synchronized List<String> revokedSerials() throws SQLException {
    String list = ListName.REVOCATION.wire();
    List<String> out = new ArrayList<>();
    // The snapshot's entries the overlay does not speak of, and the overlay's revoked ones.
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT serial FROM revoked WHERE serial NOT IN (SELECT serial FROM revoked_delta)"
            + " UNION ALL SELECT serial FROM revoked_delta WHERE revoked = 1")) {
      while (rs.next()) out.add(rs.getString(1));
    } catch (SQLException e) {
      readFaults.put(list, "unreadable (" + e.getMessage() + "): the previous copy is in use");
      log.error("cannot read the revocation list: {}; keeping the copy in memory", e.getMessage());
      throw e;
    }
    readFaults.remove(list);
    return out;
  }

  /** Lists that could not be read the last time they were, each with what went wrong. */
  public Map<String, String> readFaults() {
    return Map.copyOf(readFaults);
  }

  /**
   * The hub said these lists are current at these versions (a ListSync's answer, or a list it sent):
   * each list held at that version counts as confirmed at {@code at}.
   */
  public synchronized void confirmed(Map<String, Long> current, Instant at) {
    try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO list_confirmed (name, at_ms) VALUES (?, ?)")) {
      for (Map.Entry<String, Long> e : current.entrySet()) {
        if (ListName.parse(e.getKey()).isEmpty() || version(e.getKey()) != e.getValue()) continue;
        p.setString(1, e.getKey());
        p.setLong(2, at.toEpochMilli());
        p.executeUpdate();
      }
    } catch (SQLException e) {
      log.warn("cannot note when the lists were confirmed: {}", e.getMessage());
    }
  }

  /** When the hub last confirmed each list current (lists never confirmed are absent). */
  public synchronized Map<String, Instant> confirmedAt() {
    Map<String, Instant> out = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, at_ms FROM list_confirmed ORDER BY name")) {
      while (rs.next()) out.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
    } catch (SQLException e) {
      log.error("cannot read when the lists were confirmed: {}", e.getMessage());
    }
    return out;
  }

  /** The allow-list of one service. */
  public synchronized List<AllowEntry> allowEntries(String service) {
    List<AllowEntry> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT card_id, member, category, status FROM allow_entry WHERE service = ?")) {
      p.setString(1, service);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new AllowEntry(new CardId(rs.getString(1)), rs.getString(2), rs.getString(3), MemberStatus.valueOf(rs.getString(4))));
        }
      }
    } catch (SQLException e) {
      log.error("cannot read the allow-list of {}: {}", service, e.getMessage());
    }
    return out;
  }

  /** One account of {@code role}'s staff list as last received from the hub (offline too), if it is on it. */
  public synchronized Optional<StaffEntry> staffAccount(StaffRole role, String user) {
    try (PreparedStatement p = db.prepareStatement("SELECT roles, password_hash, disabled FROM staff_account WHERE role = ? AND user_id = ?")) {
      p.setString(1, role.wire());
      p.setString(2, user);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        List<String> roles = MessageCodec.mapper().readValue(rs.getString(1), new TypeReference<List<String>>() {});
        return Optional.of(new StaffEntry(user, roles, rs.getString(2), rs.getInt(3) != 0));
      }
    } catch (SQLException | IOException e) {
      log.error("cannot read the staff list of {}: {}", role.wire(), e.getMessage());
      return Optional.empty();
    }
  }

  /** The newest configuration pushed by the hub, if any. */
  public synchronized Optional<ConfigPush> config() {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, settings FROM config")) {
      if (!rs.next()) return Optional.empty();
      return Optional.of(new ConfigPush(rs.getLong(1), MessageCodec.mapper().readTree(rs.getString(2))));
    } catch (SQLException | IOException e) {
      log.error("cannot read the pushed configuration: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** The list name an alert's change is reported under ({@link #onChange}). */
  public static final String ALERT = "alert";

  /** Alerts to show at {@code now}: not expired, not withdrawn; expired ones are removed. */
  public synchronized List<Alert> activeAlerts(Instant now) {
    return alerts(now, "withdrawn = 0");
  }

  /** Active alerts whose acknowledgement ({@code received}, or {@code shown} once shown) is not in the outbox yet. */
  public synchronized List<Alert> unacknowledged(Instant now, jp.mynaterm.protocol.event.AlertAcknowledged.Stage stage) {
    return alerts(now, stage == jp.mynaterm.protocol.event.AlertAcknowledged.Stage.SHOWN ? "shown_ms IS NOT NULL AND shown_acked = 0" : "received_acked = 0");
  }

  /** The acknowledgement of this stage is in the outbox: not recorded again. */
  public synchronized void acknowledged(String alertId, jp.mynaterm.protocol.event.AlertAcknowledged.Stage stage) {
    update(stage == jp.mynaterm.protocol.event.AlertAcknowledged.Stage.SHOWN ? "UPDATE alert SET shown_acked = 1 WHERE id = ?" : "UPDATE alert SET received_acked = 1 WHERE id = ?", alertId);
  }

  /** The terminal put the alert on its screen (the first time counts). */
  public synchronized void shown(String alertId, Instant at) {
    update("UPDATE alert SET shown_ms = COALESCE(shown_ms, " + at.toEpochMilli() + ") WHERE id = ?", alertId);
  }

  private void update(String sql, String alertId) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setString(1, alertId);
      p.executeUpdate();
    } catch (SQLException e) {
      log.error("cannot note alert {}: {}", alertId, e.getMessage());
    }
  }

  private List<Alert> alerts(Instant now, String where) {
    List<Alert> out = new ArrayList<>();
    try (PreparedStatement del = db.prepareStatement("DELETE FROM alert WHERE expires_ms <= ?")) {
      del.setLong(1, now.toEpochMilli());
      del.executeUpdate();
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, severity, text, expires_ms, payload FROM alert WHERE withdrawn = 0 AND " + where + " ORDER BY expires_ms")) {
        while (rs.next()) {
          if (rs.getString(5) != null) {
            out.add(MessageCodec.read(rs.getString(5), Alert.class));
          } else { // stored before payloads were kept: for all, at normal priority
            Map<String, String> text = MessageCodec.mapper().readValue(rs.getString(3), new TypeReference<Map<String, String>>() {});
            out.add(new Alert(rs.getString(1), Severity.valueOf(rs.getString(2)), text, Instant.ofEpochMilli(rs.getLong(4))));
          }
        }
      }
    } catch (SQLException | IOException e) {
      log.error("cannot read alerts: {}", e.getMessage());
    }
    return out;
  }

  private void setVersion(String list, long version) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO list_version (name, version) VALUES (?, ?)")) {
      p.setString(1, list);
      p.setLong(2, version);
      p.executeUpdate();
    }
  }

  private void exec(String sql) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      log.warn("closing the downlink store: {}", e.getMessage());
    }
  }
}
