package jp.mynaterm.hub.kpi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.storage.Database;

/**
 * The counters' certificate counts (table counter_issuance), imported from the counter system's
 * monthly CSV ({@link CounterIssuanceCsv}): the other half of the plan's "share issued at kiosks".
 */
public final class CounterIssuance {
  /** What an import changed. */
  public record Imported(List<YearMonth> months, int rows, long copies) {}

  private final Database db;
  private final Clock clock;

  public CounterIssuance(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Replaces the months the rows name with the rows (a month imported again is corrected, not added
   * to), and records it in the audit log as {@code actor}, all in one transaction: the figures and their
   * record commit together or not at all.
   */
  public Imported importRows(List<CounterIssuanceCsv.Row> rows, String actor, String file) throws SQLException {
    TreeSet<YearMonth> months = new TreeSet<>();
    long copies = 0;
    for (var r : rows) {
      months.add(r.month());
      copies += r.copies();
    }
    Imported result = new Imported(List.copyOf(months), rows.size(), copies);
    String at = clock.instant().toString();
    db.commit(c -> {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM counter_issuance WHERE month = ?")) {
        for (YearMonth m : months) {
          delete.setString(1, m.toString());
          delete.addBatch();
        }
        delete.executeBatch();
      }
      insert(c, rows, at);
      new AuditLog(db, clock).append(c, actor, "counter-issuance.import", file,
          rows.size() + " rows, " + result.copies() + " copies, months " + String.join(" ", months.stream().map(YearMonth::toString).toList()));
    });
    return result;
  }

  private static void insert(Connection c, List<CounterIssuanceCsv.Row> rows, String at) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO counter_issuance (month, certificate_type, copies, imported_at) VALUES (?, ?, ?, ?)")) {
      for (var r : rows) {
        p.setString(1, r.month().toString());
        p.setString(2, r.certificateType());
        p.setLong(3, r.copies());
        p.setString(4, at);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** Copies the counters issued per month from {@code from} to {@code to} (both included); a month never imported is absent. */
  public Map<YearMonth, Long> byMonth(YearMonth from, YearMonth to) throws SQLException {
    Map<YearMonth, Long> out = new TreeMap<>();
    for (Object[] r : db.list("SELECT month, SUM(copies) FROM counter_issuance WHERE month >= ? AND month <= ? GROUP BY month",
        rs -> new Object[] {YearMonth.parse(rs.getString(1)), rs.getLong(2)}, from.toString(), to.toString())) {
      out.put((YearMonth) r[0], (Long) r[1]);
    }
    return out;
  }
}
