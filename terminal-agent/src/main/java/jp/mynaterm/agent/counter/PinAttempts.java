package jp.mynaterm.agent.counter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many PIN-spending requests a terminal page takes in a window ({@link #PER_MINUTE} a minute):
 * a person at the reader types far fewer, so anything more is a script spending the card's tries.
 */
public final class PinAttempts {
  public static final int PER_MINUTE = 5;
  private final Clock clock;
  private final int limit;
  private final Duration window;
  private final Deque<Instant> recent = new ArrayDeque<>();

  public PinAttempts(Clock clock) {
    this(clock, PER_MINUTE, Duration.ofMinutes(1));
  }

  public PinAttempts(Clock clock, int limit, Duration window) {
    this.clock = clock;
    this.limit = limit;
    this.window = window;
  }

  /** Takes one attempt if the window has room; false (and nothing taken) when the limit is reached. */
  public synchronized boolean take() {
    Instant now = clock.instant();
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) recent.removeFirst();
    if (recent.size() >= limit) return false;
    recent.addLast(now);
    return true;
  }
}
