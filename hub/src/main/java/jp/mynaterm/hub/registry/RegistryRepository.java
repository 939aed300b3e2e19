package jp.mynaterm.hub.registry;

import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;
import jp.mynaterm.protocol.event.EventTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

  /** The wire names of the link events, as an SQL list. */
  public static final String LINK_TYPES = "('" + EventTypes.of(CardLinked.class) + "', '" + EventTypes.of(CardUnlinked.class) + "')";

  /**
   * {@code CardLinked} and {@code CardUnlinked} events not applied yet, in the order the hub received
   * them (the registry then applies them in the order the counters made them: {@link LinkOrder}).
   */
  public List<StoredEvent> unappliedLinkEvents(int limit) throws SQLException {
    return db.list(
        "SELECT e.terminal, e.epoch, e.seq, e.record FROM events e WHERE e.event_type IN " + LINK_TYPES
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

  /** Every link event applied so far, of every service, in no particular order: what a replay starts from. */
  public List<StoredEvent> appliedLinkEvents() throws SQLException {
    return db.list(
        "SELECT e.terminal, e.epoch, e.seq, e.record FROM events e JOIN link_applied a ON a.terminal = e.terminal AND a.epoch = e.epoch AND a.seq = e.seq WHERE e.event_type IN " + LINK_TYPES,
        EventRepository.STORED);
  }

  /** The newest link event of a service applied so far, in the counters' order; empty before the first (or before this was kept). */
  Optional<LinkOrder> lastApplied(String service) throws SQLException {
    return db.first(
        "SELECT wall, terminal, seq FROM link_order_mark WHERE service = ?", rs -> new LinkOrder(Instant.parse(rs.getString(1)), rs.getString(2), rs.getLong(3)), service);
  }

  /** Records, in the caller's transaction, the newest link event of a service applied so far. */
  void setLastApplied(Connection c, String service, LinkOrder last) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM link_order_mark WHERE service = ?");
        PreparedStatement p = c.prepareStatement("INSERT INTO link_order_mark (service, wall, terminal, seq) VALUES (?, ?, ?, ?)")) {
      del.setString(1, service);
      del.executeUpdate();
      p.setString(1, service);
      p.setString(2, last.wall().toString());
      p.setString(3, last.terminal());
      p.setLong(4, last.seq());
      p.executeUpdate();
    }
  }
}
