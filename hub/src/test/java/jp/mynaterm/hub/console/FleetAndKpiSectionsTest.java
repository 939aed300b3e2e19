package jp.mynaterm.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import jp.mynaterm.config.FleetSettings;
import jp.mynaterm.hub.fleet.FleetPage;
import jp.mynaterm.hub.fleet.FleetSection;
import jp.mynaterm.hub.fleet.FleetView;
import jp.mynaterm.hub.kpi.CounterIssuance;
import jp.mynaterm.hub.kpi.CounterIssuanceCsv;
import jp.mynaterm.hub.kpi.KpiPage;
import jp.mynaterm.hub.kpi.KpiSection;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.hub.storage.StatusRow;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.HospitalCheckIn;
import jp.mynaterm.protocol.message.Birth;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Heartbeat;
import jp.mynaterm.protocol.staff.StaffRole;
import jp.mynaterm.protocol.time.Stamp;
import jp.mynaterm.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The fleet and KPI sections in the console: an auditor signed in reads both (and the CSV), a librarian
 * neither; in Chromium, both pages pass axe (0 serious or critical) and are photographed in both languages.
 */
class FleetAndKpiSectionsTest {
  @TempDir static Path dir;
  static ConsoleRig rig;

  @BeforeAll
  static void start() throws Exception {
    rig = new ConsoleRig(dir, (db, clock) -> List.of(
        new FleetSection(new FleetPage(new FleetView(new TerminalRepository(db), new ListRepository(db), FleetSettings.DEFAULT, clock))),
        new KpiSection(new KpiPage(db, clock))));
    rig.staff.add("auditor", "監査 一郎", Set.of(StaffRole.AUDITOR), ConsoleRig.PASSWORD);

    Instant now = rig.clock.instant();
    var card = CardIds.development().derive(new X500Principal("CN=CA"), BigInteger.ONE);
    new EventRepository(rig.db).store(List.of(
        new EventRow("library-1", new EventRecord(1, new Stamp(now, "b", 1, true), new CardLinked("library", card, "m-1", "", Instant.parse("2031-01-01T00:00:00Z")))),
        new EventRow("hospital-1", new EventRecord(1, new Stamp(now, "b", 1, true), new HospitalCheckIn()))));
    String month = java.time.YearMonth.from(now.atZone(java.time.ZoneId.of("Asia/Tokyo"))).toString();
    new CounterIssuance(rig.db, rig.clock).importRows(
        CounterIssuanceCsv.read(new StringReader("month,certificate_type,copies\n" + month + ",juminhyo,40\n")).rows(), "os:test", "t.csv");
    TerminalRepository terminals = new TerminalRepository(rig.db);
    rig.db.commit(c -> terminals.saveStatuses(c, List.of(
        new StatusRow("kiosk-1", "birth", "kiosk", MessageCodec.write(new Birth("1.2.3", "kiosk", Map.of()))),
        StatusRow.heartbeat("kiosk-1", new Heartbeat("1.2.3", 0, 0, 8L << 30, true, Map.of("certificate-printer", "The printer is out of paper.", "lists", "ok"),
            Map.of("revocation", 3L), Map.of("revocation", 60_000L), 0L, List.of()))), now));
  }

  @AfterAll
  static void stop() {
    if (rig != null) rig.close();
  }

  @Test
  void anAuditorReadsTheFleetAndTheKpisAndALibrarianNeither() throws Exception {
    var auditor = rig.browser();
    var home = auditor.signIn("auditor", ConsoleRig.PASSWORD);
    assertTrue(home.body().contains("href=\"/console/fleet\"") && home.body().contains("href=\"/console/kpi\""), "both in the auditor's navigation");
    var fleet = auditor.get("/console/fleet");
    assertEquals(200, fleet.statusCode());
    assertTrue(fleet.body().contains("<h1>端末の状況</h1>"), fleet.body());
    assertTrue(fleet.body().contains("<li class=\"alert alert-paper\"><strong>kiosk-1</strong>: certificate-printer: 用紙切れ</li>"), fleet.body());
    var kpi = auditor.get("/console/kpi");
    assertEquals(200, kpi.statusCode());
    assertTrue(kpi.body().contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kpi-chart\"") && kpi.body().contains("<caption>マイナンバーカードの図書館カード登録者数"), kpi.body());
    assertTrue(kpi.body().contains("1 / 5,000 人"), "one library registration of the 5,000");
    var csv = auditor.get("/console/kpi/csv");
    assertEquals("text/csv; charset=utf-8", csv.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(csv.body().startsWith("年度,年月,指標,kpi,当月,累計,R7目標"));

    var librarian = rig.browser();
    librarian.signIn("librarian", ConsoleRig.PASSWORD);
    assertEquals(403, librarian.get("/console/kpi").statusCode());
    assertEquals(403, librarian.get("/console/kpi/csv").statusCode());
    assertEquals(403, librarian.get("/console/fleet").statusCode());
  }

  @Test
  void bothPagesPassAxeAndAreShotInJapaneseAndEnglish() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(1280, 900)) {
      var browser = chromium.driver();
      browser.get(rig.url("/console/signin"));
      browser.findElement(By.id("user")).sendKeys("auditor");
      browser.findElement(By.id("password")).sendKeys(ConsoleRig.PASSWORD);
      browser.findElement(By.id("signin")).click();
      chromium.waitUntil(d -> d.getCurrentUrl().endsWith("/console"));
      for (String lang : List.of("ja", "en")) {
        for (String page : List.of("fleet", "kpi")) {
          browser.get(rig.url("/console/" + page));
          if (!lang.equals(browser.findElement(By.tagName("html")).getAttribute("lang"))) {
            browser.findElement(By.id("lang-" + lang)).click();
            chromium.waitUntil(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
          }
          chromium.screenshot("console-" + lang + "-" + page);
          // axe once per page, in Japanese (the console's first language; English changes only the
          // words, and the shell's own test checks both): four axe runs were half of this test's time.
          if (lang.equals("ja")) chromium.assertAccessible("console " + page + " (" + lang + ")");
        }
      }
    }
  }
}
