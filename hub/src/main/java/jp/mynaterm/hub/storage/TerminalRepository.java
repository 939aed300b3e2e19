package jp.mynaterm.hub.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.ConfigPush;
import jp.mynaterm.protocol.message.Heartbeat;

/** Each terminal's latest status (birth, heartbeat, last will; table terminal_status) and the config pushed to it (config_push). */
public final class TerminalRepository {
  private final Database db;
  /** Each terminal's fleet row as last parsed ({@link #fleet}). */
  private final Map<String, Parsed> parsed = new java.util.concurrent.ConcurrentHashMap<>();

  public TerminalRepository(Database db) {
    this.db = db;
  }

  /**
   * Keeps each terminal's newest status, in the caller's transaction; a role stays known from the birth.
   * A heartbeat is also kept as the newest heartbeat (a later birth or last will leaves it), with its
   * outbox depth and how many heartbeats in a row the depth has grown ({@code queue_rises}).
   */
  public void saveStatuses(Connection c, List<StatusRow> statuses, Instant at) throws SQLException {
    if (statuses.isEmpty()) return;
    // SET reads the row as it was before this statement, on SQLite as on PostgreSQL.
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO terminal_status (terminal, kind, role, payload, updated_at, heartbeat, heartbeat_at, queue_depth, queue_rises)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)"
                + " ON CONFLICT (terminal) DO UPDATE SET kind = excluded.kind, payload = excluded.payload,"
                + " updated_at = excluded.updated_at, role = COALESCE(excluded.role, terminal_status.role),"
                + " heartbeat = COALESCE(excluded.heartbeat, terminal_status.heartbeat),"
                + " heartbeat_at = COALESCE(excluded.heartbeat_at, terminal_status.heartbeat_at),"
                + " queue_rises = CASE WHEN excluded.queue_depth IS NULL THEN terminal_status.queue_rises"
                + " WHEN excluded.queue_depth > terminal_status.queue_depth THEN terminal_status.queue_rises + 1 ELSE 0 END,"
                + " queue_depth = COALESCE(excluded.queue_depth, terminal_status.queue_depth)")) {
      for (StatusRow s : statuses) {
        boolean heartbeat = s.isHeartbeat();
        p.setString(1, s.terminal());
        p.setString(2, s.kind());
        p.setString(3, s.role());
        p.setString(4, s.payload());
        p.setString(5, at.toString());
        p.setString(6, heartbeat ? s.payload() : null);
        p.setString(7, heartbeat ? at.toString() : null);
        p.setObject(8, s.queueDepth(), java.sql.Types.BIGINT);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** Each terminal's latest status kind (birth, heartbeat, last-will). */
  public Map<String, String> statusKinds() throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String[] row : db.list("SELECT terminal, kind FROM terminal_status ORDER BY terminal", rs -> new String[] {rs.getString(1), rs.getString(2)})) {
      out.put(row[0], row[1]);
    }
    return out;
  }

  /**
   * A terminal's newest heartbeat, if its newest status is one (what the fleet view shows: queue,
   * set-aside events and files, its lists' ages ({@code listAgeMs}) and their state under the
   * peripherals' {@code lists}).
   */
  public Optional<Heartbeat> heartbeat(String terminal) throws SQLException {
    return db.first("SELECT payload FROM terminal_status WHERE terminal = ? AND kind = 'heartbeat'", rs -> StoredJson.read(rs.getString(1), Heartbeat.class), terminal);
  }

  /**
   * A terminal whose newest status (birth or heartbeat) is older than this counts as offline: three
   * heartbeats missed at the terminals' default interval ({@code terminal.heartbeat}, 60 s).
   */
  public static final java.time.Duration ONLINE_WINDOW = java.time.Duration.ofMinutes(3);

  /** When the hub last heard from a terminal: its newest status's kind and time, and the role its birth named (may be null). */
  public record Seen(String terminal, String role, String kind, Instant at) {
    /** Online: its newest status is a birth or heartbeat within {@link #ONLINE_WINDOW} (the metrics and the console agree). */
    public boolean online(Instant now) {
      return !kind.equals("last-will") && at.isAfter(now.minus(ONLINE_WINDOW));
    }
  }

  /**
   * A terminal as the fleet view shows it: what the hub last heard ({@code seen}), its newest birth,
   * heartbeat or last will as sent, and its newest heartbeat with when it came.
   *
   * @param queueRises heartbeats in a row whose outbox depth was higher than the one before
   */
  public record Fleet(Seen seen, String payload, Optional<Heartbeat> heartbeat, Instant heartbeatAt, int queueRises) {}

  /**
   * Every terminal the hub has heard from, by id. A terminal's row is parsed again only when it changed
   * (its status or heartbeat time): the fleet page is read far more often than one terminal's status
   * changes (once a minute), and reading 200 heartbeats' JSON and times each time was most of its cost.
   */
  public List<Fleet> fleet() throws SQLException {
    return db.list("SELECT terminal, role, kind, updated_at, payload, heartbeat, heartbeat_at, queue_rises FROM terminal_status ORDER BY terminal", rs -> {
      String terminal = rs.getString(1);
      String updatedAt = rs.getString(4);
      String heartbeatAt = rs.getString(7);
      int rises = rs.getInt(8);
      Parsed known = parsed.get(terminal);
      if (known != null && known.updatedAt.equals(updatedAt) && java.util.Objects.equals(known.heartbeatAt, heartbeatAt) && known.fleet.queueRises() == rises
          && known.fleet.seen().kind().equals(rs.getString(3)) && java.util.Objects.equals(known.fleet.seen().role(), rs.getString(2))) {
        return known.fleet;
      }
      String heartbeat = rs.getString(6);
      Fleet f = new Fleet(new Seen(terminal, rs.getString(2), rs.getString(3), Instant.parse(updatedAt)), rs.getString(5),
          heartbeat == null ? Optional.empty() : Optional.of(StoredJson.read(heartbeat, Heartbeat.class)),
          heartbeatAt == null ? null : Instant.parse(heartbeatAt), rises);
      parsed.put(terminal, new Parsed(updatedAt, heartbeatAt, f));
      return f;
    });
  }

  /** A terminal's row as last parsed, with the times that say whether it changed since. */
  private record Parsed(String updatedAt, String heartbeatAt, Fleet fleet) {}

  /** Every terminal's newest status, for counting who is online. */
  public List<Seen> seen() throws SQLException {
    return db.list("SELECT terminal, role, kind, updated_at FROM terminal_status", rs -> new Seen(rs.getString(1), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4))));
  }

  /** The role a terminal's birth named; empty if unknown (no birth seen). */
  public Optional<String> roleOf(String terminal) throws SQLException {
    return db.first("SELECT role FROM terminal_status WHERE terminal = ?", rs -> Optional.ofNullable(rs.getString(1)), terminal).flatMap(r -> r);
  }

  public void saveConfig(String terminal, ConfigPush push) throws SQLException {
    db.update(
        "INSERT INTO config_push (terminal, version, payload) VALUES (?, ?, ?) ON CONFLICT (terminal) DO UPDATE SET"
            + " version = excluded.version, payload = excluded.payload",
        terminal, push.version(), MessageCodec.write(push));
  }

  public Optional<ConfigPush> config(String terminal) throws SQLException {
    return db.first("SELECT payload FROM config_push WHERE terminal = ?", rs -> StoredJson.read(rs.getString(1), ConfigPush.class), terminal);
  }
}
