package jp.mynaterm.hub.storage.migration;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.EventRecord;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Library loans and returns and hospital check-ins stored before they became counts still carry the
 * CardId, the patron or patient number, the item and the queue number. Reading records and who went
 * to hospital do not belong at the hub: each such stored event (and each kept conflict side) is read
 * and written again in today's shape, which has none of those fields. Java, not SQL, because the
 * records are JSON and SQLite and PostgreSQL edit JSON differently; the codec is the one definition.
 */
public final class V6_8__Counter_records_become_counts extends BaseJavaMigration {
  private static final String COUNTER_TYPES = "('LibraryLoan', 'LibraryReturn', 'HospitalCheckIn')";

  private record Row(String terminal, String epoch, long seq, String record) {}

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    rewrite(c, "events", "SELECT terminal, epoch, seq, record FROM events WHERE event_type IN " + COUNTER_TYPES);
    // Conflicts have no type column; the few rows there are all read, and only counter events change.
    rewrite(c, "event_conflict", "SELECT terminal, epoch, seq, record FROM event_conflict");
  }

  private static void rewrite(Connection c, String table, String select) throws SQLException, IOException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(select);
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) rows.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
    }
    try (PreparedStatement u = c.prepareStatement("UPDATE " + table + " SET record = ? WHERE terminal = ? AND epoch = ? AND seq = ? AND record = ?")) {
      for (Row r : rows) {
        String now = MessageCodec.write(MessageCodec.read(r.record(), EventRecord.class));
        if (now.equals(r.record())) continue;
        u.setString(1, now);
        u.setString(2, r.terminal());
        u.setString(3, r.epoch());
        u.setLong(4, r.seq());
        u.setString(5, r.record());
        u.addBatch();
      }
      u.executeBatch();
    }
  }
}
