package jp.mynaterm.hub.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.EventRecord;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills the monthly counts (V8.5) from the events stored before them, by the same rule ingest uses from
 * now on ({@link MonthlyCounts#tally}). Java, not SQL, because what counts is in the records' JSON
 * (a link's service, a certificate's copies) and SQLite and PostgreSQL read JSON differently. Beside
 * {@link MonthlyCounts} in this package, not in {@code storage.migration}, since it uses that class's rule
 * and the package that runs the migrations must not depend back on it (no package cycle).
 */
public final class V8_6__Month_counts_from_stored_events extends BaseJavaMigration {
  private static final int CHUNK = 5_000;

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    String in = String.join(", ", Collections.nCopies(MonthlyCounts.COUNTED_TYPES.size(), "?"));
    List<EventRecord> chunk = new ArrayList<>(CHUNK);
    try (PreparedStatement p = c.prepareStatement("SELECT record FROM events WHERE event_type IN (" + in + ")")) {
      for (int i = 0; i < MonthlyCounts.COUNTED_TYPES.size(); i++) p.setString(i + 1, MonthlyCounts.COUNTED_TYPES.get(i));
      p.setFetchSize(CHUNK); // PostgreSQL streams only with a fetch size (and no autocommit, as Flyway runs it)
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          chunk.add(MessageCodec.read(rs.getString(1), EventRecord.class));
          if (chunk.size() == CHUNK) {
            MonthlyCounts.add(c, chunk);
            chunk.clear();
          }
        }
      }
    }
    MonthlyCounts.add(c, chunk);
  }
}
