package jp.mynaterm.cli.bench;

import java.util.Arrays;

/** Nanosecond samples of one measurement, read back as percentiles; {@link Rounds} fills one per series. */
final class Percentiles {
  private long[] samples;
  private int count;

  Percentiles(int expected) {
    samples = new long[Math.max(16, expected)];
  }

  void add(long nanos) {
    if (count == samples.length) samples = Arrays.copyOf(samples, count * 2);
    samples[count++] = nanos;
  }

  /** The p-th percentile (nearest rank) in nanoseconds. */
  long nanos(double p) {
    if (count == 0) return 0;
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.min(count, Math.max(1, rank)) - 1];
  }

  double millis(double p) {
    return nanos(p) / 1e6;
  }

  double micros(double p) {
    return nanos(p) / 1e3;
  }
}
