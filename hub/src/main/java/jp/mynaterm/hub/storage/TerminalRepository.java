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

  public TerminalRepository(Database db) {
    this.db = db;
  }

  /** Keeps each terminal's newest status, in the caller's transaction; a role stays known from the birth. */
  public void saveStatuses(Connection c, List<StatusRow> statuses, Instant at) throws SQLException {
    if (statuses.isEmpty()) return;
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO terminal_status (terminal, kind, role, payload, updated_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (terminal) DO UPDATE SET kind = excluded.kind, payload = excluded.payload,"
                + " updated_at = excluded.updated_at, role = COALESCE(excluded.role, terminal_status.role)")) {
      for (StatusRow s : statuses) {
        p.setString(1, s.terminal());
        p.setString(2, s.kind());
        p.setString(3, s.role());
        p.setString(4, s.payload());
        p.setString(5, at.toString());
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

  /** When the hub last heard from a terminal: its newest status's kind and time, and the role its birth named (may be null). */
  public record Seen(String terminal, String role, String kind, Instant at) {}

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
