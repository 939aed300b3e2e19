package jp.mynaterm.cli.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;

/** Waiting for what a benchmark set up (a connection, a link, a drained outbox): polled, with a deadline that fails the benchmark. */
final class Await {
  private static final Duration POLL = Duration.ofMillis(20);

  private Await() {}

  /** What is waited for; a check that throws ends the wait with its exception. */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
  }

  /** Returns once {@code done} holds; fails the benchmark saying {@code what} did not happen within {@code limit}. */
  static void until(Duration limit, Condition done, String what) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.holds()) {
      if (System.nanoTime() > deadline) throw new CommandFailure(ExitCodes.FAILURE, "not within " + limit.toSeconds() + " s: " + what);
      LockSupport.parkNanos(POLL.toNanos());
    }
  }
}
