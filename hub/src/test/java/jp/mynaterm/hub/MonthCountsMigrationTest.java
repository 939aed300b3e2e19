package jp.mynaterm.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.MonthlyCounts;
import jp.mynaterm.hub.storage.migration.V6_8__Counter_records_become_counts;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.HospitalCheckIn;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.time.Stamp;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub upgraded to the monthly counts (migration 8.6) counts the events it already held, by the rule ingest uses. */
class MonthCountsMigrationTest {
  @TempDir Path dir;

  @Test
  void eventsStoredBeforeTheCountsAreCounted() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("hub.db");
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/hub").javaMigrations(new V6_8__Counter_records_become_counts())
        .target("8.5").load().migrate();
    List<UsageEvent> held = List.of(new HospitalCheckIn(), new HospitalCheckIn(), new CertificateIssued("juminhyo", "C1", 3, 750, "p", "ab".repeat(32)),
        new CardLinked("library", CardIds.development().derive(new X500Principal("CN=CA"), BigInteger.TWO), "m", "", Instant.parse("2030-01-01T00:00:00Z")));
    try (var c = DriverManager.getConnection(url);
        var p = c.prepareStatement("INSERT INTO events (terminal, epoch, seq, event_type, wall, boot_id, mono_ms, synced, received_at, record) VALUES ('t-1', 'e', ?, ?, ?, 'b', 0, 1, ?, ?)")) {
      long seq = 0;
      for (UsageEvent e : held) {
        Instant wall = Instant.parse("2026-10-31T15:30:00Z"); // 00:30 on 1 November in Mino
        p.setLong(1, ++seq);
        p.setString(2, EventTypes.of(e));
        p.setString(3, wall.toString());
        p.setString(4, wall.toString());
        p.setString(5, MessageCodec.write(new EventRecord(seq, new Stamp(wall, "b", seq, true), e)));
        p.executeUpdate();
      }
    }
    try (Database db = Database.open(new StorageSettings(url, null, null))) {
      MonthlyCounts counts = new MonthlyCounts(db);
      YearMonth november = YearMonth.of(2026, 11);
      assertEquals(Map.of("", 2L), counts.byPart(november, MonthlyCounts.HOSPITAL_VISITS));
      assertEquals(Map.of("juminhyo", 3L), counts.byPart(november, MonthlyCounts.KIOSK_COPIES));
      assertEquals(Map.of("library", 1L), counts.byPart(november, MonthlyCounts.CARD_LINKED));
      assertEquals(List.of(), counts.between(YearMonth.of(2026, 10), YearMonth.of(2026, 10)), "October in UTC, November in Mino");
    }
  }
}
