package jp.mynaterm.hub.registry;

import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;
import jp.mynaterm.protocol.event.EventTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventKey;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.StoredEvent;

/** Which link events the registries have applied (link_applied), and those still to apply. */
public final class RegistryRepository {
  private final Database db;

  public RegistryRepository(Database db) {
    this.db = db;
  }

  /** {@code CardLinked} and {@code CardUnlinked} events not applied yet, in the order the hub received them. */
  public List<StoredEvent> unappliedLinkEvents(int limit) throws SQLException {
    return db.list(
        "SELECT e.terminal, e.epoch, e.seq, e.record FROM events e WHERE e.event_type IN ('" + EventTypes.of(CardLinked.class) + "', '" + EventTypes.of(CardUnlinked.class) + "')"
            + " AND NOT EXISTS (SELECT 1 FROM link_applied a WHERE a.terminal = e.terminal AND a.epoch = e.epoch AND a.seq = e.seq)"
            + " ORDER BY e.received_at, e.terminal, e.epoch, e.seq LIMIT ?",
        EventRepository.STORED, limit);
  }

  /** Records, in the caller's transaction, that a link event was applied. */
  public void markApplied(Connection c, EventKey applied, Instant at) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO link_applied (terminal, epoch, seq, applied_at) VALUES (?, ?, ?, ?)")) {
      p.setString(1, applied.terminal());
      p.setString(2, applied.epoch());
      p.setLong(3, applied.seq());
      p.setString(4, at.toString());
      p.executeUpdate();
    }
  }
}
