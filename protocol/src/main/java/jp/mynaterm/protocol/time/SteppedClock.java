package jp.mynaterm.protocol.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock moved by an offset that can be stepped, as {@code date -s} or a first NTP sync on a
 * Pi without a real-time clock moves a terminal's: for fault tests and the chaos benchmark
 * ({@link TerminalClock#of}).
 */
public final class SteppedClock extends Clock {
  private final AtomicLong offsetMs = new AtomicLong();

  /** Moves the clock by {@code by} (negative: back). */
  public void step(Duration by) {
    offsetMs.addAndGet(by.toMillis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a terminal's clock is UTC");
  }

  @Override
  public Instant instant() {
    return Instant.now().plusMillis(offsetMs.get());
  }
}
