package jp.mynaterm.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Main;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.Test;

/** Benchmarks run as an operator runs them, on small sizes: their last line is the result line scripts read. */
class BenchResultLinesTest {

  private record Run(int code, List<String> lines) {
    String last() {
      return lines.getLast();
    }
  }

  private static Run run(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      return new Run(code, captured.toString(StandardCharsets.UTF_8).lines().toList());
    } finally {
      System.setOut(out);
    }
  }

  @Test
  void revocationEndsWithItsLine() {
    Run r = run("bench", "revocation", "--serials", "1000", "--lookups", "1000");
    assertEquals(ExitCodes.OK, r.code(), String.join("\n", r.lines()));
    assertTrue(r.last().matches("revocation serials=1000 load_s=\\d+\\.\\d{3} lookup_p99_us=\\d+\\.\\d{3} snapshot_apply_s=\\d+\\.\\d{3} delta_apply_ms=\\d+\\.\\d"), r.last());
  }

  @Test
  void ingestEndsWithItsLineAndLosesNothing() {
    Run r = run("bench", "ingest", "--events", "400", "--terminals", "2", "--batch", "20", "--warm-up-rounds", "2");
    assertEquals(ExitCodes.OK, r.code(), String.join("\n", r.lines()));
    assertTrue(r.last().matches("ingest events=400 terminals=2 seconds=\\d+\\.\\d{2} eps=\\d+ raw_sqlite_eps=\\d+ raw_ratio=\\d+\\.\\d{2} lost=0 duplicated=0 plain_eps=\\d+ tls_ratio=\\d+\\.\\d{2} warm_up_rounds=[12] jit_ms=\\d+"), r.last());
  }

  @Test
  void bookingEndsWithItsLineAndSellsNoSeatTwice() {
    Run r = run("bench", "booking", "--residents", "12", "--operators", "2", "--vehicles", "2", "--per-resident", "2", "--per-operator", "4");
    assertEquals(ExitCodes.OK, r.code(), String.join("\n", r.lines()));
    assertTrue(r.last().matches("booking bookings_per_s=\\d+ p99_ms=\\d+\\.\\d manifest_p99_ms=\\d+\\.\\d double_sold=0 baseline_bookings_per_s=\\d+"), r.last());
  }

  @Test
  void connectStormEndsWithItsLine() {
    Run r = run("bench", "connect-storm", "--terminals", "20");
    assertEquals(ExitCodes.OK, r.code(), String.join("\n", r.lines()));
    assertTrue(r.last().matches("connect-storm terminals=20 seconds=\\d+\\.\\d{2} p50_ms=\\d+\\.\\d p99_ms=\\d+\\.\\d baseline_seconds=\\d+\\.\\d{2}"), r.last());
  }

  @Test
  void chaosEndsWithItsLineAndLosesNothing() {
    RealComponent.MOSQUITTO.require(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/mosquitto")), "no /usr/sbin/mosquitto");
    // The hub it starts and kills is `./mynaterm hub` with the repository's config/jvm and deploy/mosquitto.
    String home = System.getProperty("mynaterm.home");
    System.setProperty("mynaterm.home", "..");
    Run r;
    try {
      r = run("bench", "chaos", "--faults", "4", "--terminals", "3", "--seed", "5");
    } finally {
      if (home == null) System.clearProperty("mynaterm.home");
      else System.setProperty("mynaterm.home", home);
    }
    assertEquals(ExitCodes.OK, r.code(), String.join("\n", r.lines()));
    var line = java.util.regex.Pattern.compile("chaos faults=4 seed=5 committed=(\\d+) stored=(\\d+) lost=0 duplicated=0 minutes=\\d+\\.\\d").matcher(r.last());
    assertTrue(line.matches(), r.last());
    assertEquals(line.group(1), line.group(2), "stored = committed");
  }

  @Test
  void consoleEndsWithItsLine() {
    Run r = run("bench", "console", "--events", "2000", "--terminals", "10", "--rounds", "5");
    assertEquals(ExitCodes.OK, r.code(), String.join("\n", r.lines()));
    assertTrue(r.last().matches("console events=2000 kpi_p99_ms=\\d+\\.\\d fleet_p99_ms=\\d+\\.\\d pg_kpi_p99_ms=\\d+\\.\\d pg_fleet_p99_ms=\\d+\\.\\d baseline_p99_ms=\\d+\\.\\d pg_baseline_p99_ms=\\d+\\.\\d"), r.last());
  }

  @Test
  void badSizesExitTwo() {
    assertEquals(ExitCodes.USAGE, run("bench", "revocation", "--lookups", "1").code());
    assertEquals(ExitCodes.USAGE, run("bench", "ingest", "--events", "1", "--terminals", "2").code());
    assertEquals(ExitCodes.USAGE, run("bench", "ingest", "--warm-up-rounds", "0").code());
    assertEquals(ExitCodes.USAGE, run("bench", "connect-storm", "--terminals", "0").code());
    assertEquals(ExitCodes.USAGE, run("bench", "chaos", "--faults", "0").code());
  }
}
