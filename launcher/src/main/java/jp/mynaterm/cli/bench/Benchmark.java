package jp.mynaterm.cli.bench;

import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;

/**
 * A benchmark command. It measures, printing what it measured in words, closes what it started, and
 * hands back its {@link ResultLine}; the line is printed last, after any log lines of shutting down,
 * and the command exits 1 if the result says the run was not sound (e.g. events lost).
 */
abstract class Benchmark implements Callable<Integer> {

  /** Runs the benchmark with everything it starts closed again by the time it returns. */
  abstract ResultLine measure() throws Exception;

  @Override
  public final Integer call() throws Exception {
    ResultLine result = measure();
    result.print();
    return result.failed() ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  /**
   * The elapsed time of this JVM's just-in-time compilations so far, in milliseconds, summed over the
   * compiler threads (so it can exceed the wall time; a compilation counts when it ends). A benchmark's
   * JVM holds its simulated clients too: their compiling counts as well. 0 where the JVM does not say.
   */
  static long compilerMs() {
    var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  /** The CPU time of this process so far (every thread: a hub, its broker and simulated clients alike), in seconds. */
  static double ownCpuSeconds() {
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }
}
