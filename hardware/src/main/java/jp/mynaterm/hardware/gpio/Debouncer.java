package jp.mynaterm.hardware.gpio;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Counts a press only when the button has not been pressed within the debounce window: a mechanical
 * contact bounces for a few milliseconds, and each bounce looks like a new press. The clock is given
 * so tests can step time instead of waiting.
 */
final class Debouncer {
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private long lastAccepted;
  private boolean any;

  Debouncer(Duration window, LongSupplier nanoTime) {
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
  }

  synchronized boolean accept() {
    long now = nanoTime.getAsLong();
    if (any && now - lastAccepted < windowNanos) return false;
    any = true;
    lastAccepted = now;
    return true;
  }
}
