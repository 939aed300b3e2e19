package jp.mynaterm.hub.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventKey;

/** What linking asks staff to check (link_notice), each kept with the link event that caused it. */
public final class NoticeRepository {
  private final Database db;

  public NoticeRepository(Database db) {
    this.db = db;
  }

  /** Adds a link event's notices, in the caller's transaction. */
  public void add(Connection c, EventKey cause, List<String> notices, Instant at) throws SQLException {
    if (notices.isEmpty()) return;
    try (PreparedStatement p = c.prepareStatement("INSERT INTO link_notice (terminal, epoch, seq, n, noted_at, text) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < notices.size(); i++) {
        p.setString(1, cause.terminal());
        p.setString(2, cause.epoch());
        p.setLong(3, cause.seq());
        p.setInt(4, i);
        p.setString(5, at.toString());
        p.setString(6, notices.get(i));
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** Newest first, each line "time text". */
  public List<String> newest(int limit) throws SQLException {
    return db.list("SELECT noted_at, text FROM link_notice ORDER BY noted_at DESC, terminal, epoch, seq, n LIMIT ?", rs -> rs.getString(1) + " " + rs.getString(2), limit);
  }
}
