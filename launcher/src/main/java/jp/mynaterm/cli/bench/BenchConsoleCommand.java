package jp.mynaterm.cli.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.ConsoleSettings;
import jp.mynaterm.config.FleetSettings;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.console.Console;
import jp.mynaterm.hub.fleet.FleetPage;
import jp.mynaterm.hub.fleet.FleetSection;
import jp.mynaterm.hub.fleet.FleetView;
import jp.mynaterm.hub.kpi.KpiPage;
import jp.mynaterm.hub.kpi.KpiSection;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.hub.storage.ThrowawayPostgres;
import jp.mynaterm.hub.web.HubWeb;
import jp.mynaterm.protocol.staff.StaffRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "console", mixinStandardHelpOptions = true, description = {
    "The console's KPI and fleet pages over HTTP, signed in as an auditor, over a year of a city's events",
    "(1,000,000 from 200 terminals by default), on SQLite and on PostgreSQL in the same run, beside the console's home page."})
final class BenchConsoleCommand extends Benchmark {
  @Option(names = "--events", defaultValue = "1000000", description = "Events in the database (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--terminals", defaultValue = "200", description = "Terminals (default: ${DEFAULT-VALUE}).")
  int terminals;

  @Option(names = "--rounds", defaultValue = "200", description = "Measured requests of each page (default: ${DEFAULT-VALUE}).")
  int rounds;

  /** The goal for each page's p99. */
  private static final double GOAL_MS = 300;
  private static final int WARM_UP = 20;
  private static final String USER = "bench-auditor";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

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

  /** Fills the database, serves the console on it, signs in once and times the pages over HTTP. */
  private Timings run(Database db, String label, Instant now) throws Exception {
    System.out.printf("%s: %s; %,d events from %d terminals over the year to %s%n", label, db.url(), events, terminals, now);
    ConsoleFleetData.fill(db, label, events, terminals, now);
    ConsoleFleetData.statuses(db, terminals, now);
    ConsoleFleetData.counterIssuance(db, now);
    Clock clock = Clock.systemUTC();
    byte[] random = new byte[12];
    new java.security.SecureRandom().nextBytes(random);
    String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    new StaffAccounts(db, clock).add(USER, "bench", Set.of(StaffRole.AUDITOR), password);
    KpiPage kpi = new KpiPage(db, clock);
    FleetPage fleet = new FleetPage(new FleetView(new TerminalRepository(db), new ListRepository(db), FleetSettings.DEFAULT, clock));
    var passkeys = new jp.mynaterm.hub.passkey.Passkeys(db, clock, jp.mynaterm.hub.passkey.Passkeys.Owners.STAFF, "localhost", "http://localhost"); // unused: the bench signs in by password
    Console console = new Console(db, clock, ConsoleSettings.DEFAULT, passkeys, false, "美濃市", List.of(new FleetSection(fleet), new KpiSection(kpi)));
    try (HubWeb web = HubWeb.start(new HttpSettings("127.0.0.1", 0), List.of(console::routes))
        .orElseThrow(() -> new CommandFailure(ExitCodes.FAILURE, "the console did not start on 127.0.0.1"))) {
      String base = "http://127.0.0.1:" + web.port();
      HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
      signIn(http, base, password);
      System.out.printf("%s: signed in as an auditor at %s/console; timing %d requests of each page (after %d not counted): /console/kpi, /console/fleet, and /console (the home page: baseline)%n",
          label, base, rounds, WARM_UP);
      Rounds r = Rounds.run(WARM_UP, rounds, round -> {
        // Not timed: the heartbeats that arrive between two looks, so the page reads changed terminals too.
        ConsoleFleetData.heartbeats(db, terminals, 3L * (round.number() + WARM_UP), 3, Instant.now());
        round.time("kpi", () -> get(http, base + "/console/kpi", "kpi-standing"));
        round.time("fleet", () -> get(http, base + "/console/fleet", "fleet-table"));
        round.time("baseline", () -> get(http, base + "/console", "<main"));
      });
      return new Timings(r.of("kpi"), r.of("fleet"), r.of("baseline"));
    }
  }

  private static void signIn(HttpClient http, String base, String password) throws Exception {
    Matcher token = CSRF.matcher(http.send(HttpRequest.newBuilder(URI.create(base + "/console/signin")).build(), HttpResponse.BodyHandlers.ofString()).body());
    if (!token.find()) throw new CommandFailure(ExitCodes.FAILURE, "the console's sign-in page has no CSRF token");
    String form = "user=" + USER + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    var landed = http.send(HttpRequest.newBuilder(URI.create(base + "/console/signin")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    if (landed.statusCode() != 200 || !landed.uri().getPath().equals("/console")) {
      throw new CommandFailure(ExitCodes.FAILURE, "signing in to the console failed: HTTP " + landed.statusCode() + " at " + landed.uri());
    }
  }

  /** A page, which must be the one asked for (a sign-in page in its place would time the wrong thing). */
  private static int get(HttpClient http, String url, String mark) throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (page.statusCode() != 200 || !page.body().contains(mark)) {
      throw new CommandFailure(ExitCodes.FAILURE, url + ": HTTP " + page.statusCode() + ", not the page (no '" + mark + "')");
    }
    return page.body().length();
  }

  private static void print(String label, Timings t) {
    System.out.printf("%s over HTTP: KPI page p50 %.1f ms p99 %.1f ms; fleet page p50 %.1f ms p99 %.1f ms (goal p99 <= %.0f ms: %s); baseline, the console's home page: p50 %.1f ms p99 %.1f ms%n",
        label, t.kpi().millis(50), t.kpi().millis(99), t.fleet().millis(50), t.fleet().millis(99), GOAL_MS,
        t.kpi().millis(99) <= GOAL_MS && t.fleet().millis(99) <= GOAL_MS ? "met" : "NOT met", t.baseline().millis(50), t.baseline().millis(99));
  }
}
