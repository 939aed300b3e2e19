package jp.mynaterm.cli.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Timed rounds of one flow: warm-up rounds first, timed like the others and dropped (a fresh JVM runs
 * the first ones interpreted), then the measured ones. A round times its steps into named series —
 * the flow and, in the same round, its baseline — and each series is read back as {@link Percentiles}.
 */
final class Rounds {
  /** Warm-up rounds before the measured ones, unless a benchmark says otherwise. */
  static final int WARM_UP = 3;

  /** One round of the flow; it times its steps through {@code rounds}. */
  @FunctionalInterface
  interface Round {
    void run(Rounds rounds) throws Exception;
  }

  /** A step that returns nothing. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  private final int measured;
  private final Map<String, Percentiles> series = new HashMap<>();
  private int number;

  private Rounds(int measured) {
    this.measured = measured;
  }

  /** {@link #WARM_UP} warm-up rounds, then {@code measured} measured ones. */
  static Rounds run(int measured, Round round) throws Exception {
    return run(WARM_UP, measured, round);
  }

  static Rounds run(int warmUp, int measured, Round round) throws Exception {
    Rounds rounds = new Rounds(measured);
    for (rounds.number = -warmUp; rounds.number < measured; rounds.number++) round.run(rounds);
    return rounds;
  }

  /** The round under way: negative while warming up, 0 for the first measured one. */
  int number() {
    return number;
  }

  /** How many rounds were measured. */
  int measured() {
    return measured;
  }

  /** Times {@code step} into {@code series} and returns what it returned. */
  <T> T time(String series, Callable<T> step) throws Exception {
    long start = System.nanoTime();
    T result = step.call();
    add(series, System.nanoTime() - start);
    return result;
  }

  /** Times {@code step} into {@code series}. */
  void time(String series, Step step) throws Exception {
    long start = System.nanoTime();
    step.run();
    add(series, System.nanoTime() - start);
  }

  /** A duration the round measured itself (e.g. between two screens, or a baseline's) into {@code series}. */
  void add(String series, long nanos) {
    if (number >= 0) this.series.computeIfAbsent(series, s -> new Percentiles(measured)).add(nanos);
  }

  /** The measured rounds' timings of one series. */
  Percentiles of(String series) {
    Percentiles p = this.series.get(series);
    if (p == null) throw new IllegalArgumentException("no timings in series '" + series + "'");
    return p;
  }
}
