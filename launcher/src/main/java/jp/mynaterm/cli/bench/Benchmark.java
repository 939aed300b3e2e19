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

  /** What this JVM's just-in-time compilers have spent so far, in milliseconds. */
  static long compilerMs() {
    return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }
}
