package jp.mynaterm.cli.demo;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.kpi.CounterIssuanceCsv;
import jp.mynaterm.hub.kpi.PlanKpis;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.hub.storage.MonthlyCounts;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.HospitalCheckIn;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.time.Stamp;

/**
 * Figures for the console's KPI page on the demo hub (development only): the counters' issuance from
 * config/examples/counter-issuance.csv, imported as the city imports it, and a past of hospital visits and
 * kiosk certificates from April to this month, from a terminal {@value #TERMINAL} that exists only here.
 * Counts only (no card); the same events each start (fixed keys and ids), so a second start stores none
 * again. Card registrations come from the demo's own counters, as a resident links a card.
 */
final class KpiDemoPart implements DemoPart {
  static final String TERMINAL = "demo-history";

  @Override
  public List<String> start(DemoContext context) throws Exception {
    Hub hub = context.get("hub", Hub.class);
    if (!hub.config().development()) return List.of();
    Path csv = context.examples().resolve("counter-issuance.csv");
    CounterIssuanceCsv.Result read;
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      read = CounterIssuanceCsv.read(r);
    }
    if (!read.clean()) throw new IllegalStateException(csv + ": " + read.summary());
    hub.counterIssuance().importRows(read.rows(), "demo", csv.getFileName().toString());
    hub.events().store(past(Instant.now()));
    String site = "http://" + hub.config().http().host() + ":" + hub.httpPort().orElse(hub.config().http().port());
    return List.of("console: the fleet at " + site + "/console/fleet, the plan's KPIs at " + site
        + "/console/kpi (sample figures: the counters' from config/examples/counter-issuance.csv, visits and kiosk certificates of " + TERMINAL + ")");
  }

  /** A visit and certificate history from April of this fiscal year to this month. */
  private static List<EventRow> past(Instant now) {
    YearMonth current = YearMonth.from(now.atZone(MonthlyCounts.CITY));
    List<EventRow> rows = new ArrayList<>();
    for (YearMonth m = YearMonth.of(PlanKpis.fiscalYearOf(current), 4); !m.isAfter(current); m = m.plusMonths(1)) {
      int k = m.getMonthValue();
      for (int i = 0; i < 80 + 5 * k; i++) rows.add(row(m, i, new HospitalCheckIn()));
      for (int i = 0; i < 60 + 3 * k; i++) rows.add(row(m, 1_000 + i, new CertificateIssued(i % 3 == 0 ? "inkan" : "juminhyo", "DEMO-" + m + "-" + i, 1, 250, "demo", "00".repeat(32))));
    }
    return rows;
  }

  private static EventRow row(YearMonth month, int n, UsageEvent event) {
    long seq = (month.getYear() * 100L + month.getMonthValue()) * 10_000 + n;
    Instant wall = month.atDay(10).atTime(9, 0).atZone(MonthlyCounts.CITY).toInstant().plusSeconds(60L * n);
    return new EventRow(TERMINAL, "demo", new EventRecord(seq, UUID.nameUUIDFromBytes((TERMINAL + ":" + seq).getBytes(StandardCharsets.UTF_8)).toString(),
        new Stamp(wall, "demo", seq, true), event));
  }

  @Override
  public void close() {}
}
