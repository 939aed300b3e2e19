package jp.mynaterm.hub.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.hub.storage.Stored;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.HospitalCheckIn;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.time.Stamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan's KPIs from a hand-made set of events: months in Japan time, registrations since the start, the kiosks' share. */
class PlanKpisTest {
  private static final CardId CARD = CardIds.development().derive(new X500Principal("CN=CA"), BigInteger.ONE);
  /** Mid-June 2026 in Mino: April, May and June of 令和8年度 have begun. */
  private static final Clock JUNE = Clock.fixed(Instant.parse("2026-06-15T03:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  @Test
  void countsByJapanMonthsAgainstTheTargetsOnceEachEvenWhenSentAgain() throws Exception {
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      EventRepository events = new EventRepository(db);
      List<EventRow> rows = new ArrayList<>();
      // 23:59 on 31 March in Mino: the fiscal year before, yet a registration that still counts.
      rows.add(row(1, "2026-03-31T14:59:00Z", link("library")));
      // 00:00 on 1 April in Mino (15:00 UTC the day before): April.
      rows.add(row(2, "2026-03-31T15:00:00Z", link("library")));
      rows.add(row(3, "2026-04-30T14:59:59Z", new HospitalCheckIn())); // 23:59:59 on 30 April: April
      rows.add(row(4, "2026-04-30T15:00:00Z", new HospitalCheckIn())); // 00:00 on 1 May: May
      rows.add(row(5, "2026-05-10T01:00:00Z", link("taxi")));
      rows.add(row(6, "2026-04-10T01:00:00Z", new CertificateIssued("juminhyo", "C1", 2, 500, "p1", "ab".repeat(32))));
      rows.add(row(7, "2026-04-11T01:00:00Z", new CertificateIssued("inkan", "C2", 1, 250, "p2", "ab".repeat(32))));
      rows.add(row(8, "2026-07-01T01:00:00Z", new HospitalCheckIn())); // July: not begun on 15 June
      events.store(rows);
      Stored[] again = events.store(rows.subList(1, 4)); // a terminal that never got its ack sends them again
      assertTrue(Arrays.stream(again).allMatch(s -> s == Stored.REPEAT));

      CounterIssuance counters = new CounterIssuance(db, JUNE);
      counters.importRows(CounterIssuanceCsv.read(new StringReader("month,certificate_type,copies\n2026-04,juminhyo,20\n2026-04,inkan,7\n")).rows(), "os:test", "april.csv");

      PlanKpis.Year year = new PlanKpis(new jp.mynaterm.hub.storage.MonthlyCounts(db), counters, JUNE).year(2026);
      assertEquals(3, year.shown(), "April to June");
      PlanKpis.Kpi library = kpi(year, "library");
      assertEquals(Arrays.asList(1.0, 0.0, 0.0), library.monthly().subList(0, 3));
      assertEquals(Arrays.asList(2.0, 2.0, 2.0), library.toDate().subList(0, 3), "the March registration stays registered");
      assertNull(library.toDate().get(3), "July has not begun");
      assertEquals(5_000, library.target());
      PlanKpis.Kpi hospital = kpi(year, "hospital");
      assertEquals(Arrays.asList(1.0, 1.0, 0.0), hospital.monthly().subList(0, 3), "one visit each side of midnight on 30 April, Japan time");
      assertEquals(2.0, hospital.latest(), "the July visit is not shown before July");
      assertEquals(Arrays.asList(0.0, 1.0, 1.0), kpi(year, "taxi").toDate().subList(0, 3));
      PlanKpis.Kpi share = kpi(year, "kiosk-share");
      assertEquals(10.0, share.monthly().get(0), 1e-9, "3 kiosk copies of 3 + 27");
      assertNull(share.monthly().get(1), "May's counter figures were not imported");
      assertEquals(10.0, share.latest(), 1e-9);

      KpiPage page = new KpiPage(new PlanKpis(new jp.mynaterm.hub.storage.MonthlyCounts(db), counters, JUNE));
      String csv = page.csv(2026);
      assertTrue(csv.startsWith("年度,年月,指標,kpi,当月,累計,R7目標\r\n"), csv);
      assertTrue(csv.contains("2026,2026-04,美濃病院におけるマイナンバーカードでの受診件数,hospital,1,1,15000\r\n"), csv);
      assertTrue(csv.contains("2026,2026-04,各種証明書のコンビニ（キオスク）での発行割合,kiosk-share,10,10,10\r\n"), csv);
      assertTrue(csv.contains("2026,2026-05,窓口での証明書交付通数,counter-copies,,,\r\n"), csv);
      String html = page.render(2026, false, "/console/kpi");
      assertTrue(html.contains("<title id=\"library-title\">") && html.contains("<desc id=\"library-desc\">"), "each chart names itself for screen readers");
      assertTrue(html.contains("<caption>マイナンバーカードの図書館カード登録者数（令和8年度）</caption>"), "and has its table beside it");
      assertTrue(page.render(2026, true, "/console/kpi").contains("Hospital visits with the card"));
    }
  }

  private static PlanKpis.Kpi kpi(PlanKpis.Year year, String id) {
    return year.kpis().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
  }

  private static CardLinked link(String service) {
    return new CardLinked(service, CARD, "m-1", "", Instant.parse("2030-01-01T00:00:00Z"));
  }

  private static EventRow row(long seq, String wall, UsageEvent event) {
    return new EventRow("counter-1", new EventRecord(seq, new Stamp(Instant.parse(wall), "boot", seq, true), event));
  }
}
