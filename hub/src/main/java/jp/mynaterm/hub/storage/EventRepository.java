package jp.mynaterm.hub.storage;

import jp.mynaterm.protocol.event.EventTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.mynaterm.protocol.codec.InstantText;
import jp.mynaterm.protocol.message.EventRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events terminals sent (table events), keyed by (terminal, epoch, seq): storing the same event
 * twice stores it once, which makes ingest idempotent and resends harmless. A different event under a
 * stored key is a conflict: kept aside (table event_conflict) and reported, never taken for a repeat.
 */
public final class EventRepository {
  private static final Logger log = LoggerFactory.getLogger(EventRepository.class);
  private static final String INSERT =
      "INSERT INTO events (terminal, epoch, seq, event_type, wall, boot_id, mono_ms, synced, received_at, record)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (terminal, epoch, seq) DO NOTHING";

  private final Database db;

  public EventRepository(Database db) {
    this.db = db;
  }

  /**
   * Inserts events in the caller's transaction. Returns, per event in order, what became of it: new,
   * a repeat of the same event under its key (ignored), or a conflict with a different stored event
   * (kept in event_conflict). The new ones are added to the monthly counts ({@link MonthlyCounts}).
   *
   * <p>Safe with several hubs on one PostgreSQL storing the same event at once (READ COMMITTED, the
   * pool's default): the second insert waits on the first transaction's row; if that commits, it does
   * nothing and the comparison, a new statement, reads the committed row (a repeat); if it rolls
   * back, the second insert stores the event. Never two rows, never a false conflict.
   */
  public Stored[] insert(Connection c, List<EventRow> events, Instant receivedAt) throws SQLException {
    Stored[] outcome = new Stored[events.size()];
    if (events.isEmpty()) return outcome;
    String at = InstantText.format(receivedAt);
    try (PreparedStatement p = c.prepareStatement(INSERT)) {
      for (int i = 0; i < events.size(); i++) {
        EventRow row = events.get(i);
        EventRecord r = row.record();
        p.setString(1, row.terminal());
        p.setString(2, row.epoch());
        p.setLong(3, r.seq());
        p.setString(4, EventTypes.of(r.event()));
        p.setString(5, InstantText.format(r.time().wall()));
        p.setString(6, r.time().bootId());
        p.setLong(7, r.time().monoMs());
        p.setInt(8, r.time().synced() ? 1 : 0);
        p.setString(9, at);
        p.setString(10, row.json());
        p.addBatch();
      }
      int[] counts = p.executeBatch();
      for (int i = 0; i < counts.length; i++) outcome[i] = counts[i] > 0 ? Stored.NEW : null;
    }
    List<EventRecord> fresh = new ArrayList<>(events.size());
    for (int i = 0; i < outcome.length; i++) {
      if (outcome[i] == null) outcome[i] = sameAsStored(c, events.get(i)) ? Stored.REPEAT : conflict(c, events.get(i), at);
      else fresh.add(events.get(i).record());
    }
    // In this transaction: the monthly counts move with the events stored, never with a repeat.
    MonthlyCounts.add(c, fresh);
    return outcome;
  }

  /**
   * Whether the event stored under this row's key is this event. Compared as records, not as text: a
   * row stored by an older version may spell the same event differently (a field it did not write).
   */
  private static boolean sameAsStored(Connection c, EventRow row) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT record FROM events WHERE terminal = ? AND epoch = ? AND seq = ?")) {
      p.setString(1, row.terminal());
      p.setString(2, row.epoch());
      p.setLong(3, row.record().seq());
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) return false; // cannot happen: the insert found the key taken in this transaction
        EventRecord stored = StoredJson.read(rs.getString(1), EventRecord.class);
        EventRecord incoming = row.record();
        // An event stored before event ids existed has none; the rest must match exactly.
        return stored.equals(stored.id() == null ? new EventRecord(incoming.seq(), null, incoming.time(), incoming.event()) : incoming);
      }
    }
  }

  private static Stored conflict(Connection c, EventRow row, String at) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO event_conflict (terminal, epoch, seq, received_at, record) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM event_conflict WHERE terminal = ? AND epoch = ? AND seq = ? AND record = ?)")) {
      p.setString(1, row.terminal());
      p.setString(2, row.epoch());
      p.setLong(3, row.record().seq());
      p.setString(4, at);
      p.setString(5, row.json());
      p.setString(6, row.terminal());
      p.setString(7, row.epoch());
      p.setLong(8, row.record().seq());
      p.setString(9, row.json());
      p.executeUpdate();
    }
    log.error(
        "ALERT: terminal {} sent a different event under a stored key (epoch {}, seq {}); both kept (the second in event_conflict), the event refused",
        row.terminal(), row.epoch(), row.record().seq());
    return Stored.CONFLICT;
  }

  /** Events that arrived under a stored key with different content, kept aside (oldest first). */
  public List<StoredEvent> conflicts() throws SQLException {
    return db.list("SELECT terminal, epoch, seq, record FROM event_conflict ORDER BY received_at, terminal, epoch, seq", STORED);
  }

  /**
   * Counts the events of the terminals whose id starts with {@code terminalPrefix} by event id and
   * content, independently of the storage key (see {@link EventCensus}).
   */
  public EventCensus census(String terminalPrefix) throws SQLException {
    record Content(String terminal, jp.mynaterm.protocol.time.Stamp time, jp.mynaterm.protocol.event.UsageEvent event) {}
    Set<String> ids = new HashSet<>();
    Set<Content> contents = new HashSet<>();
    long[] counts = new long[2];
    for (StoredEvent e : db.list("SELECT terminal, epoch, seq, record FROM events WHERE terminal LIKE ? ESCAPE '!'", STORED, likePrefix(terminalPrefix))) {
      counts[0]++;
      boolean newId = e.record().id() == null || ids.add(e.record().id());
      boolean newContent = contents.add(new Content(e.key().terminal(), e.record().time(), e.record().event()));
      if (!newId || !newContent) counts[1]++;
    }
    return new EventCensus(counts[0], counts[1], ids);
  }

  private static String likePrefix(String prefix) {
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  /** {@link #insert} in a transaction of its own. */
  public Stored[] store(List<EventRow> events) throws SQLException {
    return db.write(c -> insert(c, events, Instant.now()));
  }

  public long count() throws SQLException {
    return db.first("SELECT count(*) FROM events", rs -> rs.getLong(1)).orElse(0L);
  }

  /** The sequences stored for a terminal, ascending. */
  public List<Long> sequences(String terminal) throws SQLException {
    return db.list("SELECT seq FROM events WHERE terminal = ? ORDER BY seq", rs -> rs.getLong(1), terminal);
  }

  /** The highest sequence stored for a terminal, 0 if none. */
  public long lastSequence(String terminal) throws SQLException {
    return db.first("SELECT COALESCE(MAX(seq), 0) FROM events WHERE terminal = ?", rs -> rs.getLong(1), terminal).orElse(0L);
  }

  /** The event types stored for a terminal, in its sequence order (what a kiosk or reader reported). */
  public List<String> types(String terminal) throws SQLException {
    return db.list("SELECT event_type FROM events WHERE terminal = ? ORDER BY seq", rs -> rs.getString(1), terminal);
  }

  /** A terminal's events of the given types after sequence {@code after}, in sequence order, at most {@code limit}. */
  public List<StoredEvent> after(String terminal, long after, List<String> types, int limit) throws SQLException {
    if (types.isEmpty()) return List.of();
    List<Object> params = new ArrayList<>(List.of(terminal, after));
    params.addAll(types);
    params.add(limit);
    String in = String.join(", ", Collections.nCopies(types.size(), "?"));
    return db.list(
        "SELECT terminal, epoch, seq, record FROM events WHERE terminal = ? AND seq > ? AND event_type IN (" + in + ") ORDER BY seq LIMIT ?", STORED, params.toArray());
  }

  /** The newest events of one type, newest first (e.g. queued issuance requests for the counter). */
  public List<StoredEvent> newestOfType(String eventType, int limit) throws SQLException {
    return db.list("SELECT terminal, epoch, seq, record FROM events WHERE event_type = ? ORDER BY wall DESC LIMIT ?", STORED, eventType, limit);
  }

  /**
   * Every event of the given types that happened in [{@code from}, {@code until}) by the terminal's
   * clock, in time order (the monthly open data and the plan's counts read whole months).
   */
  public List<StoredEvent> ofTypesBetween(List<String> types, Instant from, Instant until) throws SQLException {
    if (types.isEmpty()) return List.of();
    List<Object> params = new ArrayList<>(types);
    params.add(from.toString());
    params.add(until.toString());
    String in = String.join(", ", Collections.nCopies(types.size(), "?"));
    return db.list("SELECT terminal, epoch, seq, record FROM events WHERE event_type IN (" + in + ") AND wall >= ? AND wall < ? ORDER BY wall",
        STORED, params.toArray());
  }

  /** A row of (terminal, epoch, seq, record) as a stored event. */
  public static final Database.Row<StoredEvent> STORED =
      rs -> new StoredEvent(new EventKey(rs.getString(1), rs.getString(2), rs.getLong(3)), StoredJson.read(rs.getString(4), EventRecord.class));
}
