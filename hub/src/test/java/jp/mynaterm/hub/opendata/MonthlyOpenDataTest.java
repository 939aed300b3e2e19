package jp.mynaterm.hub.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.HospitalCheckIn;
import jp.mynaterm.protocol.event.LibraryLoan;
import jp.mynaterm.protocol.event.Location;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.time.Stamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonthlyOpenDataTest {
  private static final CardId CARD = CardIds.development().derive(new X500Principal("CN=CA"), BigInteger.ONE);
  private static final Instant NOV_10_AT_9 = Instant.parse("2026-11-10T00:30:00Z"); // 9:30 in Mino
  @TempDir Path dir;

  @Test
  void aMonthOfEventsBecomesStandardCsvAndAGtfsRideFeedWithSmallCountsHidden() throws Exception {
    List<UsageEvent> month = new ArrayList<>();
    for (int i = 0; i < 12; i++) month.add(new CertificateIssued("juminhyo", "CODE-" + i, 1, 250, "p" + i, "ab".repeat(32)));
    month.add(new CertificateIssued("inkan", "CODE-I", 3, 750, "pi", "ab".repeat(32)));
    for (int i = 0; i < 15; i++) month.add(new LibraryLoan(false, true));
    for (int i = 0; i < 4; i++) month.add(new HospitalCheckIn());
    for (int i = 0; i < 11; i++) month.add(new RideBoarded(CARD, "noriai-1", "s1", "adult", 300, new Location(35.5419, 136.9050, 200.0, "S012"), false));
    for (int i = 0; i < 2; i++) month.add(new RideBoarded(CARD, "noriai-1", "s1", "adult", 300, new Location(35.545, 136.90625, 800.0, null), false));
    for (int i = 0; i < 20; i++) month.add(new RideBoarded(CARD, "noriai-1", "s1", "adult", 300, new Location(35.5449, 136.9078, 200.0, "S001"), false));
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      EventRepository events = new EventRepository(db);
      long seq = 0;
      for (UsageEvent e : month) events.store(List.of(new EventRow("t-1", new EventRecord(++seq, new Stamp(NOV_10_AT_9, "boot", seq, true), e))));
      events.store(List.of(new EventRow("t-1", new EventRecord(++seq, new Stamp(Instant.parse("2026-12-01T00:00:00Z"), "boot", seq, true), new HospitalCheckIn()))));

      List<String> files = new MonthlyOpenData(events, new jp.mynaterm.hub.storage.MonthlyCounts(db), new MonthlyOpenData.City("212075", "岐阜県美濃市")).write(YearMonth.of(2026, 11), dir.resolve("out"));
      assertTrue(files.stream().noneMatch(f -> f.contains("rider_trip")));

      List<String> certificates = Files.readAllLines(dir.resolve("out/kiosk-certificates-2026-11.csv"));
      assertEquals("全国地方公共団体コード,ID,地方公共団体名,年月,証明書の種類,交付通数", certificates.get(0));
      assertEquals(List.of("212075,21207500001,岐阜県美濃市,2026-11,inkan,x", "212075,21207500002,岐阜県美濃市,2026-11,juminhyo,x",
          "212075,21207500003,岐阜県美濃市,2026-11,合計,15"), certificates.subList(1, 4), "3 copies hidden, and 12 with them: 15 - 12 = 3");
      String library = Files.readString(dir.resolve("out/library-card-use-2026-11.csv"));
      assertTrue(library.contains("マイナンバーカードによる貸出,15"), library);
      assertTrue(Files.readString(dir.resolve("out/hospital-visits-2026-11.csv")).contains("受付,x"), "4 visits in November (the one on 1 December is not counted)");

      String rides = Files.readString(dir.resolve("out/taxi-rides-2026-11.csv"));
      // The zone's 2 rides are hidden, and with them the smallest other place (S012, 11): 33 - 20 = 13 = 11 + 2.
      assertTrue(rides.contains("S001,9時台,20") && rides.contains("S001,計,20"), rides);
      assertTrue(rides.contains("S012,9時台,x") && rides.contains("S012,計,x"), "a hidden place hides its hours too: " + rides);
      assertTrue(rides.contains("zone:35.54500_136.90625,9時台,x"), rides);
      assertTrue(rides.contains("合計,計,33"), rides);
      assertFalse(rides.contains("136.9053"), "never a GPS fix");

      Path gtfs = dir.resolve("out/gtfs-ride-2026-11");
      assertEquals(List.of("ride_files,ride_start_date,ride_end_date,ride_feed_version", "4,20261101,20261130,2026-11"), Files.readAllLines(gtfs.resolve("ride_feed_info.txt")));
      assertEquals(List.of("trip_id,stop_id,boardings,source", "demand-202611,S001,20,2"), Files.readAllLines(gtfs.resolve("board_alight.txt")));
      String ridership = Files.readString(gtfs.resolve("ridership.txt"));
      assertTrue(ridership.contains("33,20261101,20261130,,,") && ridership.contains("20,20261101,20261130,09:00:00,09:59:59,S001"), ridership);
      assertFalse(ridership.contains("S012"), "hidden in the CSV, left out here");
      assertFalse(Files.exists(gtfs.resolve("rider_trip.txt")));
      assertTrue(Files.readString(dir.resolve("out/metadata-2026-11.csv")).contains("CC BY 4.0"));
    }
  }
}
