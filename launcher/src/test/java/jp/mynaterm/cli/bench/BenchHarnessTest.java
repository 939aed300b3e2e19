package jp.mynaterm.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The benchmarks' shared harness: warm-up rounds dropped, nearest-rank percentiles, and the result line's format. */
class BenchHarnessTest {

  @Test
  void warmUpRoundsRunButOnlyTheMeasuredOnesCount() throws Exception {
    List<Integer> numbers = new ArrayList<>();
    Rounds rounds = Rounds.run(2, 4, r -> {
      numbers.add(r.number());
      r.add("flow", 1_000_000L * (r.number() + 10)); // warm-up rounds would add 8 and 9 ms
    });
    assertEquals(List.of(-2, -1, 0, 1, 2, 3), numbers);
    assertEquals(10.0, rounds.of("flow").millis(0));
    assertEquals(13.0, rounds.of("flow").millis(100));
  }

  @Test
  void aTimedStepReturnsWhatItReturnedAndASeriesNeverTimedIsAnError() throws Exception {
    Rounds rounds = Rounds.run(1, r -> assertEquals("ok", r.time("step", () -> "ok")));
    assertTrue(rounds.of("step").nanos(50) > 0);
    assertThrows(IllegalArgumentException.class, () -> rounds.of("other"));
  }

  @Test
  void percentilesAreNearestRank() {
    Percentiles p = new Percentiles(1);
    for (long ms = 1; ms <= 100; ms++) p.add(ms * 1_000_000);
    assertEquals(50.0, p.millis(50));
    assertEquals(99.0, p.millis(99));
    assertEquals(100.0, p.millis(99.5));
    assertEquals(0.0, new Percentiles(4).millis(50), "no samples");
  }

  @Test
  void theResultLineIsTheNameThenKeyValueFiguresWithADotInAnyLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      Percentiles flow = new Percentiles(2);
      flow.add(12_340_000);
      flow.add(56_780_000);
      ResultLine line = ResultLine.of("tap").count("rounds", 2).latency(flow).figure("apdu_p50_ms", 10.04, 1).figure("overhead_ratio", 1.2345, 2);
      assertEquals("tap rounds=2 p50_ms=12.3 p99_ms=56.8 apdu_p50_ms=10.0 overhead_ratio=1.23", line.toString());
      assertEquals(false, line.failed());
      assertEquals(true, line.count("lost", 1).failIf(true).failIf(false).failed());
    } finally {
      Locale.setDefault(before);
    }
  }
}
