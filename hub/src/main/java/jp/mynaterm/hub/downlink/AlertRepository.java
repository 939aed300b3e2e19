package jp.mynaterm.hub.downlink;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.StoredJson;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.AlertAcknowledged;
import jp.mynaterm.protocol.message.Alert;

/**
 * Alerts to terminals, kept until they expire so terminals that sync meanwhile get them too; who sent
 * and who withdrew each (both audited with the change), whether a hub has published it yet (the CLI
 * only writes here: {@link Downlink#publishPendingAlerts}), and each terminal's acknowledgements.
 */
public final class AlertRepository {
  /** An alert as staff sent it, with its withdrawal if any. */
  public record Sent(Alert alert, Optional<Instant> sentAt, String sentBy, Optional<Instant> withdrawnAt, String withdrawnBy) {
    public boolean active(Instant now) {
      return withdrawnAt.isEmpty() && alert.expires().isAfter(now);
    }
  }

  /** One terminal's acknowledgement of one alert: when it stored it and when it showed it. */
  public record Ack(Optional<Instant> received, Optional<Instant> shown) {}

  private final Database db;
  private final AuditLog audit;

  public AlertRepository(Database db) {
    this.db = db;
    this.audit = new AuditLog(db, java.time.Clock.systemUTC());
  }

  /** An id for an alert sent at {@code now}: {@code alert-20261201-143000} (UTC), unless staff give one. */
  public static String newId(Instant now) {
    return "alert-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(now);
  }

  /**
   * Stores a new alert for the hub to publish, and its audit entry ("alert.sent"), in one transaction.
   *
   * @throws IllegalArgumentException when an alert with this id was sent before
   */
  public void send(Alert alert, String by, Instant now) throws SQLException {
    if (db.first("SELECT 1 FROM alert WHERE id = ?", rs -> 1, alert.alertId()).isPresent()) {
      throw new IllegalArgumentException("an alert '" + alert.alertId() + "' was sent before: give another id");
    }
    db.commit(c -> {
      try (var p = c.prepareStatement("INSERT INTO alert (id, payload, expires_ms, created_ms, sent_by) VALUES (?, ?, ?, ?, ?)")) {
        p.setString(1, alert.alertId());
        p.setString(2, MessageCodec.write(alert));
        p.setLong(3, alert.expires().toEpochMilli());
        p.setLong(4, now.toEpochMilli());
        p.setString(5, by);
        p.executeUpdate();
      }
      audit.append(c, by, "alert.sent", alert.alertId(),
          alert.severity().name().toLowerCase(java.util.Locale.ROOT) + ", " + alert.priority().wire() + " priority, to " + alert.targets().describe()
              + ", until " + alert.expires());
    });
  }

  /** Withdraws an active alert (audited as "alert.withdrawn"); false if there is none by that id, or it is no longer active. */
  public boolean withdraw(String alertId, String by, Instant now) throws SQLException {
    return db.write(c -> {
      int n;
      try (var p = c.prepareStatement("UPDATE alert SET withdrawn_ms = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_ms IS NULL AND expires_ms > ?")) {
        p.setLong(1, now.toEpochMilli());
        p.setString(2, by);
        p.setString(3, alertId);
        p.setLong(4, now.toEpochMilli());
        n = p.executeUpdate();
      }
      if (n > 0) audit.append(c, by, "alert.withdrawn", alertId, "");
      return n > 0;
    });
  }

  /** Alerts terminals should show at {@code now}: not expired, not withdrawn. */
  public List<Alert> active(Instant now) throws SQLException {
    return db.list("SELECT payload FROM alert WHERE expires_ms > ? AND withdrawn_ms IS NULL ORDER BY expires_ms", rs -> StoredJson.read(rs.getString(1), Alert.class),
        now.toEpochMilli());
  }

  /** Withdrawn alerts that would still be active: a terminal that was away must be told to stop showing them. */
  public List<Alert> withdrawnUnexpired(Instant now) throws SQLException {
    return db.list("SELECT payload FROM alert WHERE expires_ms > ? AND withdrawn_ms IS NOT NULL", rs -> StoredJson.read(rs.getString(1), Alert.class), now.toEpochMilli());
  }

  /** Active alerts no hub has published yet. */
  List<Alert> unpublished(Instant now) throws SQLException {
    return db.list("SELECT payload FROM alert WHERE published_ms IS NULL AND withdrawn_ms IS NULL AND expires_ms > ? ORDER BY created_ms",
        rs -> StoredJson.read(rs.getString(1), Alert.class), now.toEpochMilli());
  }

  /** Withdrawals of unexpired alerts no hub has published yet. */
  List<Alert> unpublishedWithdrawals(Instant now) throws SQLException {
    return db.list("SELECT payload FROM alert WHERE withdrawal_published_ms IS NULL AND withdrawn_ms IS NOT NULL AND expires_ms > ?",
        rs -> StoredJson.read(rs.getString(1), Alert.class), now.toEpochMilli());
  }

  void published(String alertId, Instant at) throws SQLException {
    db.update("UPDATE alert SET published_ms = ? WHERE id = ? AND published_ms IS NULL", at.toEpochMilli(), alertId);
  }

  void withdrawalPublished(String alertId, Instant at) throws SQLException {
    db.update("UPDATE alert SET withdrawal_published_ms = ? WHERE id = ? AND withdrawal_published_ms IS NULL", at.toEpochMilli(), alertId);
  }

  private static final String SENT = "SELECT payload, created_ms, sent_by, withdrawn_ms, withdrawn_by FROM alert";

  private static Sent sent(java.sql.ResultSet rs) throws SQLException {
    return new Sent(StoredJson.read(rs.getString(1), Alert.class), instant(rs, 2), nullToEmpty(rs.getString(3)), instant(rs, 4), nullToEmpty(rs.getString(5)));
  }

  /** Every alert sent, newest first. */
  public List<Sent> list(int limit) throws SQLException {
    return db.list(SENT + " ORDER BY COALESCE(created_ms, 0) DESC, expires_ms DESC LIMIT ?", AlertRepository::sent, limit);
  }

  public Optional<Sent> find(String alertId) throws SQLException {
    return db.first(SENT + " WHERE id = ?", AlertRepository::sent, alertId);
  }

  /**
   * Records a terminal's acknowledgement; the first time of each stage stays (a terminal acks once per
   * stage, but a resent event or a second hub must not move it).
   */
  public void acknowledge(String alertId, String terminal, AlertAcknowledged.Stage stage, Instant at) throws SQLException {
    String column = stage == AlertAcknowledged.Stage.SHOWN ? "shown_ms" : "received_ms";
    db.update("INSERT INTO alert_ack (alert_id, terminal, " + column + ") VALUES (?, ?, ?) ON CONFLICT (alert_id, terminal) DO UPDATE SET "
        + column + " = COALESCE(alert_ack." + column + ", excluded." + column + ")", alertId, terminal, at.toEpochMilli());
  }

  /** Each terminal's acknowledgement of one alert, by terminal id. */
  public Map<String, Ack> acks(String alertId) throws SQLException {
    Map<String, Ack> out = new LinkedHashMap<>();
    db.list("SELECT terminal, received_ms, shown_ms FROM alert_ack WHERE alert_id = ? ORDER BY terminal", rs -> out.put(rs.getString(1), new Ack(instant(rs, 2), instant(rs, 3))),
        alertId);
    return out;
  }

  private static Optional<Instant> instant(java.sql.ResultSet rs, int column) throws SQLException {
    long ms = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
