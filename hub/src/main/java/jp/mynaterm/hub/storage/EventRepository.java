package jp.mynaterm.hub.storage;

import jp.mynaterm.protocol.event.EventTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.EventRecord;

/**
 * The events terminals sent (table events), keyed by (terminal, seq): storing an event twice stores
 * it once, which makes ingest idempotent and resends harmless.
 */
public final class EventRepository {
  private static final String INSERT =
      "INSERT INTO events (terminal, seq, event_type, wall, boot_id, mono_ms, synced, received_at, record)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (terminal, seq) DO NOTHING";

  private final Database db;

  public EventRepository(Database db) {
    this.db = db;
  }

  /**
   * Inserts events in the caller's transaction. Returns, per event in order, whether it was new
   * (false: a repeat of a stored (terminal, seq), ignored).
   */
  public boolean[] insert(Connection c, List<EventRow> events, Instant receivedAt) throws SQLException {
    boolean[] fresh = new boolean[events.size()];
    if (events.isEmpty()) return fresh;
    String at = receivedAt.toString();
    try (PreparedStatement p = c.prepareStatement(INSERT)) {
      for (EventRow row : events) {
        EventRecord r = row.record();
        p.setString(1, row.terminal());
        p.setLong(2, r.seq());
        p.setString(3, EventTypes.of(r.event()));
        p.setString(4, r.time().wall().toString());
        p.setString(5, r.time().bootId());
        p.setLong(6, r.time().monoMs());
        p.setInt(7, r.time().synced() ? 1 : 0);
        p.setString(8, at);
        p.setString(9, MessageCodec.write(r));
        p.addBatch();
      }
      int[] counts = p.executeBatch();
      for (int i = 0; i < counts.length; i++) fresh[i] = counts[i] > 0;
    }
    return fresh;
  }

  /** {@link #insert} in a transaction of its own. */
  public boolean[] store(List<EventRow> events) throws SQLException {
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
        "SELECT terminal, seq, record FROM events WHERE terminal = ? AND seq > ? AND event_type IN (" + in + ") ORDER BY seq LIMIT ?", STORED, params.toArray());
  }

  /** The newest events of one type, newest first (e.g. queued issuance requests for the counter). */
  public List<StoredEvent> newestOfType(String eventType, int limit) throws SQLException {
    return db.list("SELECT terminal, seq, record FROM events WHERE event_type = ? ORDER BY wall DESC LIMIT ?", STORED, eventType, limit);
  }

  /** A row of (terminal, seq, record) as a stored event. */
  public static final Database.Row<StoredEvent> STORED =
      rs -> new StoredEvent(new EventKey(rs.getString(1), rs.getLong(2)), StoredJson.read(rs.getString(3), EventRecord.class));
}
