package jp.mynaterm.hardware.card.pcsc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Card work in progress in this JVM, so the {@link ReaderWatcher} stays out of its way.
 *
 * <p>Why: javax.smartcardio keeps one PC/SC context per JVM, and pcsc-lite serialises the calls on a
 * context, so a watcher blocked in {@code SCardGetStatusChange} holds every {@code SCardTransmit}
 * back until its wait ends — measured here as about one second per APDU with a 1 s wait. Every card
 * operation ({@code MyNumberCard}'s, and connecting through {@code Readers}) runs inside
 * {@link #during}; the watcher waits in short slices and skips them while one runs.
 */
public final class PcscActivity {
  private static final AtomicInteger RUNNING = new AtomicInteger();

  private PcscActivity() {}

  /** Runs one card step (a few APDUs) with the watcher held off. */
  public static <T> T during(Supplier<T> step) {
    RUNNING.incrementAndGet();
    try {
      return step.get();
    } finally {
      RUNNING.decrementAndGet();
    }
  }

  static boolean active() {
    return RUNNING.get() > 0;
  }
}
