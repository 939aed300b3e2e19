package jp.mynaterm.cli.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waiting for what a benchmark set up (a connection, a link, a drained outbox): the project's polling
 * library, Awaitility, with its timeout turned into a failed benchmark that says what did not happen.
 */
final class Await {
  private static final Duration POLL = Duration.ofMillis(5);

  private Await() {}

  /** Returns once {@code done} holds; a check that throws ends the wait with its exception. */
  static void until(Duration limit, Callable<Boolean> done, String what) {
    try {
      Awaitility.await(what).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(POLL).atMost(limit).until(done);
    } catch (ConditionTimeoutException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "not within " + limit.toSeconds() + " s: " + what);
    }
  }
}
