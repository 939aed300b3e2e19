package jp.mynaterm.cli.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.FleetSettings;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.fleet.FleetPage;
import jp.mynaterm.hub.fleet.FleetView;
import jp.mynaterm.hub.kpi.KpiPage;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.hub.storage.ThrowawayPostgres;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "console", mixinStandardHelpOptions = true, description = {
    "The console's KPI and fleet pages over a year of a city's events (1,000,000 from 200 terminals by default),",
    "on SQLite and on PostgreSQL in the same run, beside a trivial read of the same database."})
final class BenchConsoleCommand extends Benchmark {
  @Option(names = "--events", defaultValue = "1000000", description = "Events in the database (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--terminals", defaultValue = "200", description = "Terminals (default: ${DEFAULT-VALUE}).")
  int terminals;

  @Option(names = "--rounds", defaultValue = "200", description = "Measured requests of each page (default: ${DEFAULT-VALUE}).")
  int rounds;

  /** The goal for each page's p99. */
  private static final double GOAL_MS = 300;

  private record Timings(Percentiles kpi, Percentiles fleet, Percentiles baseline) {}

  @Override
  ResultLine measure() throws Exception {
    if (events < 1 || terminals < 10 || rounds < 1) throw new CommandFailure(ExitCodes.USAGE, "need events >= 1, terminals >= 10 and rounds >= 1");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root || !ThrowawayPostgres.installed()) {
      throw new CommandFailure(ExitCodes.FAILURE, "bench console measures PostgreSQL too: it needs root and /usr/lib/postgresql/15 (scripts/install-system-packages.sh)");
    }
    Instant now = Instant.now();
    Timings sqlite;
    Timings pg;
    try (Scratch dir = Scratch.create("console");
        Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      sqlite = run(db, "SQLite", now);
    }
    try (ThrowawayPostgres server = ThrowawayPostgres.start();
        Database db = Database.open(new StorageSettings(server.createDatabase("console") + "?user=postgres", null, null))) {
      pg = run(db, "PostgreSQL", now);
    }
    print("SQLite", sqlite);
    print("PostgreSQL", pg);
    return ResultLine.of("console").count("events", events)
        .figure("kpi_p99_ms", sqlite.kpi().millis(99), 1).figure("fleet_p99_ms", sqlite.fleet().millis(99), 1)
        .figure("pg_kpi_p99_ms", pg.kpi().millis(99), 1).figure("pg_fleet_p99_ms", pg.fleet().millis(99), 1)
        .figure("baseline_p99_ms", sqlite.baseline().millis(99), 1).figure("pg_baseline_p99_ms", pg.baseline().millis(99), 1);
  }

  private Timings run(Database db, String label, Instant now) throws Exception {
    System.out.printf("%s: %s; %,d events from %d terminals over the year to %s%n", label, db.url(), events, terminals, now);
    ConsoleFleetData.fill(db, label, events, terminals, now);
    ConsoleFleetData.statuses(db, terminals, now);
    ConsoleFleetData.counterIssuance(db, now);
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    KpiPage kpi = new KpiPage(db, clock);
    int year = kpi.kpis().currentFiscalYear();
    FleetPage fleet = new FleetPage(new FleetView(new TerminalRepository(db), new ListRepository(db), FleetSettings.DEFAULT, clock));
    ListRepository lists = new ListRepository(db);
    System.out.printf("%s: timing %d rounds (after %d not counted) of the KPI page, the fleet page and the baseline (one row read)%n", label, rounds, 20);
    Rounds r = Rounds.run(20, rounds, round -> {
      // Not timed: the heartbeats that arrive between two looks, so the page reads changed terminals too.
      ConsoleFleetData.heartbeats(db, terminals, 3L * (round.number() + 20), 3, Instant.now());
      round.time("kpi", () -> kpi.render(year, false, "/console/kpi"));
      round.time("fleet", () -> fleet.render(false));
      round.time("baseline", () -> lists.version("revocation"));
    });
    return new Timings(r.of("kpi"), r.of("fleet"), r.of("baseline"));
  }

  private static void print(String label, Timings t) {
    System.out.printf("%s: KPI page p50 %.1f ms p99 %.1f ms; fleet page p50 %.1f ms p99 %.1f ms (goal p99 <= %.0f ms: %s); baseline p50 %.2f ms p99 %.2f ms%n", label,
        t.kpi().millis(50), t.kpi().millis(99), t.fleet().millis(50), t.fleet().millis(99), GOAL_MS,
        t.kpi().millis(99) <= GOAL_MS && t.fleet().millis(99) <= GOAL_MS ? "met" : "NOT met", t.baseline().millis(50), t.baseline().millis(99));
  }
}
