package jp.mynaterm.cli.bench;

import java.util.Locale;

/**
 * The one line a benchmark ends with, which scripts and issue texts read: the benchmark's name, then
 * {@code key=value} figures in a fixed order. Whatever else a benchmark prints (what it set up, its
 * figures and baseline in words, logs) goes before this line.
 */
final class ResultLine {
  private final StringBuilder line;
  private boolean failed;

  private ResultLine(String benchmark) {
    line = new StringBuilder(benchmark);
  }

  static ResultLine of(String benchmark) {
    return new ResultLine(benchmark);
  }

  /** A whole number: {@code key=42}. */
  ResultLine count(String key, long value) {
    return put(key, Long.toString(value));
  }

  /** A measured figure with this many decimals, {@code key=12.3}: always a dot, whatever the machine's locale. */
  ResultLine figure(String key, double value, int decimals) {
    return put(key, String.format(Locale.ROOT, "%." + decimals + "f", value));
  }

  /** A flow's latency: {@code p50_ms=… p99_ms=…}, to a tenth of a millisecond. */
  ResultLine latency(Percentiles flow) {
    return figure("p50_ms", flow.millis(50), 1).figure("p99_ms", flow.millis(99), 1);
  }

  /** Marks the run as failed when {@code unsound} holds (its figures are printed all the same). */
  ResultLine failIf(boolean unsound) {
    failed |= unsound;
    return this;
  }

  boolean failed() {
    return failed;
  }

  private ResultLine put(String key, String value) {
    line.append(' ').append(key).append('=').append(value);
    return this;
  }

  /** Prints the line on stdout, as the benchmark's last. */
  void print() {
    System.out.println(line);
  }

  @Override
  public String toString() {
    return line.toString();
  }
}
