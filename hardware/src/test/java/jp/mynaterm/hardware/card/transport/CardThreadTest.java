package jp.mynaterm.hardware.card.transport;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A call that does not come back in time (a wedged pcscd) fails the caller, and the thread takes nothing more. */
class CardThreadTest {
  @Test
  void aCallPastItsLimitFailsAndLaterCallsFailAtOnce() throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    try (CardThread thread = new CardThread(Thread.ofPlatform().daemon().factory())) {
      TransportException first = assertThrows(TransportException.class, () -> thread.call(() -> {
        // A native call that ignores interrupts and does not return, as in a wedged pcscd.
        while (stuck.getCount() > 0) {
          try {
            stuck.await();
          } catch (InterruptedException e) {
            // ignored, as a native call would
          }
        }
        return null;
      }, Duration.ofMillis(100)));
      assertEquals(new TransportFailure.Timeout(Duration.ofMillis(100), false), first.failure());
      assertTrue(thread.broken());
      TransportException next = assertThrows(TransportException.class, () -> thread.call(() -> "never run", Duration.ofSeconds(5)));
      assertEquals(new TransportFailure.Timeout(Duration.ofMillis(100), true), next.failure());
    } finally {
      stuck.countDown();
    }
  }

  @Test
  void aHealthyThreadAnswersAndPassesFailuresThrough() throws Exception {
    try (CardThread thread = new CardThread(Thread.ofPlatform().daemon().factory())) {
      assertEquals("answer", thread.call(() -> "answer", Duration.ofSeconds(5)));
      TransportException removed = assertThrows(TransportException.class,
          () -> thread.call(() -> { throw new TransportException(new TransportFailure.CardRemoved()); }, Duration.ofSeconds(5)));
      assertEquals(new TransportFailure.CardRemoved(), removed.failure());
      assertFalse(thread.broken());
    }
  }
}
