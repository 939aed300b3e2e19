package jp.mynaterm.hub.storage;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
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
import java.util.Properties;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.Alert;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.ConfigPush;
import jp.mynaterm.protocol.message.EventRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's database: SQLite (one file, WAL, synchronous=FULL) by default, PostgreSQL by JDBC URL,
 * one schema for both ({@link Migrations}). Events are keyed by (terminal, seq): storing an event
 * twice stores it once, which makes ingest idempotent and resends harmless.
 */
public final class Store implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Store.class);

  private final Connection db;
  private final String url;

  private Store(Connection db, String url) {
    this.db = db;
    this.url = url;
  }

  public static Store open(StorageSettings settings) throws SQLException {
    Properties props = new Properties();
    if (settings.user() != null) props.setProperty("user", settings.user());
    if (settings.password() != null) props.setProperty("password", settings.password());
    String url = settings.url();
    if (url.startsWith("jdbc:sqlite:")) {
      java.nio.file.Path file = java.nio.file.Path.of(url.substring("jdbc:sqlite:".length()));
      if (file.toAbsolutePath().getParent() != null) {
        try {
          java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
          throw new SQLException("cannot create the directory of " + file + ": " + e.getMessage(), e);
        }
      }
    }
    Connection c = DriverManager.getConnection(url, props);
    try {
      if (url.startsWith("jdbc:sqlite:")) {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=FULL");
          s.execute("PRAGMA busy_timeout=10000");
          // 32 MiB of page cache: inserts from many terminals at once land all over the primary key.
          s.execute("PRAGMA cache_size=-32768");
        }
      }
      int version = Migrations.migrate(c);
      log.info("storage {} at schema version {}", redact(url), version);
      return new Store(c, url);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  private static String redact(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }

  public String url() {
    return redact(url);
  }

  /**
   * Stores events and status updates in one transaction. Returns, per event in order, whether it was
   * new (false: a repeat of a stored (terminal, seq), ignored).
   */
  public synchronized boolean[] store(List<EventRow> events, List<StatusRow> statuses) throws SQLException {
    boolean[] fresh = new boolean[events.size()];
    String now = Instant.now().toString();
    db.setAutoCommit(false);
    try {
      if (!events.isEmpty()) {
        try (PreparedStatement p = db.prepareStatement(INSERT_EVENT)) {
          for (EventRow row : events) {
            bindEvent(p, row, now);
            p.addBatch();
          }
          int[] counts = p.executeBatch();
          for (int i = 0; i < counts.length; i++) fresh[i] = counts[i] > 0;
        }
      }
      if (!statuses.isEmpty()) {
        try (PreparedStatement p =
            db.prepareStatement(
                "INSERT INTO terminal_status (terminal, kind, role, payload, updated_at) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (terminal) DO UPDATE SET kind = excluded.kind, payload = excluded.payload,"
                    + " updated_at = excluded.updated_at, role = COALESCE(excluded.role, terminal_status.role)")) {
          for (StatusRow s : statuses) {
            p.setString(1, s.terminal());
            p.setString(2, s.kind());
            p.setString(3, s.role());
            p.setString(4, s.payload());
            p.setString(5, now);
            p.addBatch();
          }
          p.executeBatch();
        }
      }
      db.commit();
      return fresh;
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }

  /** Stores an event once per (terminal, seq); a repeat changes nothing and counts 0 rows. */
  public static final String INSERT_EVENT =
      "INSERT INTO events (terminal, seq, event_type, wall, boot_id, mono_ms, synced, received_at, record)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (terminal, seq) DO NOTHING";

  /** Binds one event to {@link #INSERT_EVENT}. */
  public static void bindEvent(PreparedStatement p, EventRow row, String receivedAt) throws SQLException {
    EventRecord r = row.record();
    p.setString(1, row.terminal());
    p.setLong(2, r.seq());
    p.setString(3, EventTypes.of(r.event()));
    p.setString(4, r.time().wall().toString());
    p.setString(5, r.time().bootId());
    p.setLong(6, r.time().monoMs());
    p.setInt(7, r.time().synced() ? 1 : 0);
    p.setString(8, receivedAt);
    p.setString(9, MessageCodec.write(r));
  }

  public synchronized long eventCount() throws SQLException {
    return queryLong("SELECT count(*) FROM events");
  }

  /** The sequences stored for a terminal, ascending. */
  public synchronized List<Long> sequences(String terminal) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT seq FROM events WHERE terminal = ? ORDER BY seq")) {
      p.setString(1, terminal);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) out.add(rs.getLong(1));
      }
    }
    return out;
  }

  /** The event types stored for a terminal, in its sequence order (what a kiosk or reader reported). */
  public synchronized List<String> eventTypes(String terminal) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT event_type FROM events WHERE terminal = ? ORDER BY seq")) {
      p.setString(1, terminal);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Each terminal's latest status kind (birth, heartbeat, last-will). */
  public synchronized Map<String, String> statusKinds() throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT terminal, kind FROM terminal_status ORDER BY terminal")) {
      while (rs.next()) out.put(rs.getString(1), rs.getString(2));
    }
    return out;
  }

  public synchronized Optional<String> roleOf(String terminal) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("SELECT role FROM terminal_status WHERE terminal = ?")) {
      p.setString(1, terminal);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
  }

  // ---- lists: versions, deltas and current content --------------------------------------------

  public synchronized long listVersion(String name) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("SELECT version FROM list_version WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  public synchronized Map<String, Long> listVersions() throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, version FROM list_version ORDER BY name")) {
      while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
    }
    return out;
  }

  /** Revokes and reinstates serials as one new version; returns it. The delta is kept for terminals behind. */
  public synchronized long changeRevocations(String list, List<String> added, List<String> removed, DeltaWriter delta) throws SQLException {
    return change(
        list,
        delta,
        () -> {
          try (PreparedStatement add = db.prepareStatement("INSERT INTO revoked (serial) VALUES (?) ON CONFLICT (serial) DO NOTHING");
              PreparedStatement del = db.prepareStatement("DELETE FROM revoked WHERE serial = ?")) {
            for (String s : added) {
              add.setString(1, s);
              add.addBatch();
            }
            for (String s : removed) {
              del.setString(1, s);
              del.addBatch();
            }
            add.executeBatch();
            del.executeBatch();
          }
        });
  }

  /** Adds, updates and removes allow-list entries of a service as one new version; returns it. */
  public synchronized long changeAllowList(String list, String service, List<AllowEntry> upserts, List<CardId> removals, DeltaWriter delta)
      throws SQLException {
    return changeAllowList(list, service, upserts, removals, delta, null, List.of());
  }

  /**
   * The same, for a change that applies a link event: the record that {@code applied} was applied
   * and the staff notices commit with the change, so a link event is applied exactly once.
   */
  public synchronized long changeAllowList(
      String list, String service, List<AllowEntry> upserts, List<CardId> removals, DeltaWriter delta, EventKey applied, List<String> notices)
      throws SQLException {
    return change(
        list,
        delta,
        () -> {
          if (applied != null) markApplied(applied, notices);
          try (PreparedStatement up =
                  db.prepareStatement(
                      "INSERT INTO allow_entry (service, card_id, payload, member) VALUES (?, ?, ?, ?)"
                          + " ON CONFLICT (service, card_id) DO UPDATE SET payload = excluded.payload, member = excluded.member");
              PreparedStatement del = db.prepareStatement("DELETE FROM allow_entry WHERE service = ? AND card_id = ?")) {
            for (AllowEntry e : upserts) {
              up.setString(1, service);
              up.setString(2, e.cardId().value());
              up.setString(3, MessageCodec.write(e));
              up.setString(4, e.member());
              up.addBatch();
            }
            for (CardId id : removals) {
              del.setString(1, service);
              del.setString(2, id.value());
              del.addBatch();
            }
            up.executeBatch();
            del.executeBatch();
          }
        });
  }

  /** Writes the delta's payload for the version change {@code from} → {@code to}. */
  @FunctionalInterface
  public interface DeltaWriter {
    String payload(long from, long to);
  }

  @FunctionalInterface
  private interface Work {
    void run() throws SQLException;
  }

  private long change(String list, DeltaWriter delta, Work work) throws SQLException {
    db.setAutoCommit(false);
    try {
      long from = listVersion(list);
      long to = from + 1;
      work.run();
      try (PreparedStatement p = db.prepareStatement("INSERT INTO list_delta (name, from_version, to_version, payload) VALUES (?, ?, ?, ?)")) {
        p.setString(1, list);
        p.setLong(2, from);
        p.setLong(3, to);
        p.setString(4, delta.payload(from, to));
        p.executeUpdate();
      }
      try (PreparedStatement p =
          db.prepareStatement("INSERT INTO list_version (name, version) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version")) {
        p.setString(1, list);
        p.setLong(2, to);
        p.executeUpdate();
      }
      db.commit();
      return to;
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }

  /** A stored event's identity. */
  public record EventKey(String terminal, long seq) {}

  /** A {@code CardLinked} or {@code CardUnlinked} event the registry has not applied yet. */
  public record LinkEvent(EventKey key, UsageEvent event) {}

  /** A stored event as it was received: from which terminal, when (the terminal's stamp), and what. */
  public record StoredEvent(EventKey key, EventRecord record) {}

  /** The newest events of one type, newest first (e.g. queued issuance requests for the counter). */
  public synchronized List<StoredEvent> eventsOfType(String eventType, int limit) throws SQLException {
    List<StoredEvent> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT terminal, seq, record FROM events WHERE event_type = ? ORDER BY wall DESC LIMIT ?")) {
      p.setString(1, eventType);
      p.setInt(2, limit);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) out.add(new StoredEvent(new EventKey(rs.getString(1), rs.getLong(2)), readRecord(rs.getString(3))));
      }
    }
    return out;
  }

  /** Link events not applied yet, in the order the hub received them. */
  public synchronized List<LinkEvent> unappliedLinkEvents(int limit) throws SQLException {
    List<LinkEvent> out = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT e.terminal, e.seq, e.record FROM events e WHERE e.event_type IN ('" + EventTypes.of(CardLinked.class) + "', '" + EventTypes.of(CardUnlinked.class) + "')"
                + " AND NOT EXISTS (SELECT 1 FROM link_applied a WHERE a.terminal = e.terminal AND a.seq = e.seq)"
                + " ORDER BY e.received_at, e.terminal, e.seq LIMIT ?")) {
      p.setInt(1, limit);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          EventRecord r = readRecord(rs.getString(3));
          out.add(new LinkEvent(new EventKey(rs.getString(1), rs.getLong(2)), r.event()));
        }
      }
    }
    return out;
  }

  /** Marks a link event applied when it changed nothing (still with its notices, in one transaction). */
  public synchronized void markLinkApplied(EventKey applied, List<String> notices) throws SQLException {
    db.setAutoCommit(false);
    try {
      markApplied(applied, notices);
      db.commit();
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }

  private void markApplied(EventKey applied, List<String> notices) throws SQLException {
    String now = Instant.now().toString();
    try (PreparedStatement p = db.prepareStatement("INSERT INTO link_applied (terminal, seq, applied_at) VALUES (?, ?, ?)")) {
      p.setString(1, applied.terminal());
      p.setLong(2, applied.seq());
      p.setString(3, now);
      p.executeUpdate();
    }
    try (PreparedStatement p = db.prepareStatement("INSERT INTO link_notice (terminal, seq, n, noted_at, text) VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < notices.size(); i++) {
        p.setString(1, applied.terminal());
        p.setLong(2, applied.seq());
        p.setInt(3, i);
        p.setString(4, now);
        p.setString(5, notices.get(i));
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** Staff notices from linking, newest first. */
  public synchronized List<String> linkNotices(int limit) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT noted_at, text FROM link_notice ORDER BY noted_at DESC, terminal, seq, n LIMIT ?")) {
      p.setInt(1, limit);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return out;
  }

  public synchronized Optional<AllowEntry> allowEntry(String service, CardId card) throws SQLException {
    return oneEntry("SELECT payload FROM allow_entry WHERE service = ? AND card_id = ?", service, card.value());
  }

  public synchronized Optional<AllowEntry> allowEntryOfMember(String service, String member) throws SQLException {
    return oneEntry("SELECT payload FROM allow_entry WHERE service = ? AND member = ?", service, member);
  }

  private Optional<AllowEntry> oneEntry(String sql, String a, String b) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setString(1, a);
      p.setString(2, b);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(readEntry(rs.getString(1))) : Optional.empty();
      }
    }
  }

  private static EventRecord readRecord(String json) throws SQLException {
    try {
      return MessageCodec.read(json, EventRecord.class);
    } catch (java.io.IOException e) {
      throw new SQLException("stored event is unreadable: " + e.getMessage(), e);
    }
  }

  private static AllowEntry readEntry(String json) throws SQLException {
    try {
      return MessageCodec.read(json, AllowEntry.class);
    } catch (java.io.IOException e) {
      throw new SQLException("stored allow entry is unreadable: " + e.getMessage(), e);
    }
  }

  /** A challenge handed to a terminal; usable once, until it expires (stored so any hub process can check it). */
  public synchronized void saveChallenge(String value, String terminal, long expiresMs) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("INSERT INTO challenge (value, terminal, expires_ms) VALUES (?, ?, ?)")) {
      p.setString(1, value);
      p.setString(2, terminal);
      p.setLong(3, expiresMs);
      p.executeUpdate();
    }
  }

  /** Uses up a challenge: true only if this terminal was given it and it has not expired. Expired ones go too. */
  public synchronized boolean takeChallenge(String value, String terminal, long nowMs) throws SQLException {
    try (PreparedStatement purge = db.prepareStatement("DELETE FROM challenge WHERE expires_ms < ?")) {
      purge.setLong(1, nowMs);
      purge.executeUpdate();
    }
    try (PreparedStatement p = db.prepareStatement("DELETE FROM challenge WHERE value = ? AND terminal = ?")) {
      p.setString(1, value);
      p.setString(2, terminal);
      return p.executeUpdate() == 1;
    }
  }

  /** A certificate the hub granted, as {@code /verify} shows it: when, where, which type, its digest. */
  public record Issued(String code, String digest, String terminal, String type, int copies, String issuedAt) {}

  public synchronized void recordIssued(Issued i) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("INSERT INTO issued (code, digest, terminal, type, copies, issued_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, i.code());
      p.setString(2, i.digest());
      p.setString(3, i.terminal());
      p.setString(4, i.type());
      p.setInt(5, i.copies());
      p.setString(6, i.issuedAt());
      p.executeUpdate();
    }
  }

  public synchronized Optional<Issued> issued(String code) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("SELECT code, digest, terminal, type, copies, issued_at FROM issued WHERE code = ?")) {
      p.setString(1, code);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(new Issued(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6))) : Optional.empty();
      }
    }
  }

  /** The stored deltas of a list after version {@code from}, in order (payloads as written). */
  public synchronized List<String> deltasAfter(String list, long from) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT payload FROM list_delta WHERE name = ? AND to_version > ? ORDER BY to_version")) {
      p.setString(1, list);
      p.setLong(2, from);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
    }
    return out;
  }

  public synchronized List<String> revokedSerials() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT serial FROM revoked ORDER BY serial")) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  public synchronized List<AllowEntry> allowEntries(String service) throws SQLException {
    List<AllowEntry> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT payload FROM allow_entry WHERE service = ? ORDER BY card_id")) {
      p.setString(1, service);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) out.add(MessageCodec.read(rs.getString(1), AllowEntry.class));
      }
    } catch (IOException e) {
      throw new SQLException("stored allow entry unreadable: " + e.getMessage(), e);
    }
    return out;
  }

  // ---- alerts and config ------------------------------------------------------------------------

  public synchronized void saveAlert(Alert alert) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO alert (id, payload, expires_ms) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET payload = excluded.payload,"
                + " expires_ms = excluded.expires_ms")) {
      p.setString(1, alert.alertId());
      p.setString(2, MessageCodec.write(alert));
      p.setLong(3, alert.expires().toEpochMilli());
      p.executeUpdate();
    }
  }

  public synchronized List<Alert> activeAlerts(Instant now) throws SQLException {
    List<Alert> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT payload FROM alert WHERE expires_ms > ? ORDER BY expires_ms")) {
      p.setLong(1, now.toEpochMilli());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) out.add(MessageCodec.read(rs.getString(1), Alert.class));
      }
    } catch (IOException e) {
      throw new SQLException("stored alert unreadable: " + e.getMessage(), e);
    }
    return out;
  }

  public synchronized void saveConfig(String terminal, ConfigPush push) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO config_push (terminal, version, payload) VALUES (?, ?, ?) ON CONFLICT (terminal) DO UPDATE SET"
                + " version = excluded.version, payload = excluded.payload")) {
      p.setString(1, terminal);
      p.setLong(2, push.version());
      p.setString(3, MessageCodec.write(push));
      p.executeUpdate();
    }
  }

  public synchronized Optional<ConfigPush> config(String terminal) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("SELECT payload FROM config_push WHERE terminal = ?")) {
      p.setString(1, terminal);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(MessageCodec.read(rs.getString(1), ConfigPush.class)) : Optional.empty();
      }
    } catch (IOException e) {
      throw new SQLException("stored config unreadable: " + e.getMessage(), e);
    }
  }

  private long queryLong(String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      log.warn("closing storage: {}", e.getMessage());
    }
  }
}
