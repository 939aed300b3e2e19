package jp.mynaterm.hub.downlink;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.StoredJson;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.Alert;

/** Alerts to terminals (alert), kept until they expire so terminals that sync meanwhile get them too. */
public final class AlertRepository {
  private final Database db;

  public AlertRepository(Database db) {
    this.db = db;
  }

  public void save(Alert alert) throws SQLException {
    db.update(
        "INSERT INTO alert (id, payload, expires_ms) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET payload = excluded.payload,"
            + " expires_ms = excluded.expires_ms",
        alert.alertId(), MessageCodec.write(alert), alert.expires().toEpochMilli());
  }

  public List<Alert> active(Instant now) throws SQLException {
    return db.list("SELECT payload FROM alert WHERE expires_ms > ? ORDER BY expires_ms", rs -> StoredJson.read(rs.getString(1), Alert.class), now.toEpochMilli());
  }
}
