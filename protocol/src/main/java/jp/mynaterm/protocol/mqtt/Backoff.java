package jp.mynaterm.protocol.mqtt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (a random wait between zero and the capped exponential), so a
 * thousand terminals coming back after an outage spread out instead of reconnecting in lockstep.
 * Paho's own automatic reconnect uses one delay for every client in the JVM and no jitter.
 */
public final class Backoff {
  private final long baseMs;
  private final long capMs;
  private int attempt;

  public Backoff(Duration base, Duration cap) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap (got " + base + ", " + cap + ")");
    }
    this.baseMs = base.toMillis();
    this.capMs = cap.toMillis();
  }

  /** The wait before the next attempt: uniformly random in [0, min(cap, base * 2^attempt)]. */
  public Duration next() {
    long ceiling = attempt >= 30 ? capMs : Math.min(capMs, baseMs << attempt);
    attempt++;
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  /** The ceiling the next wait is drawn below, for logs and tests. */
  public Duration ceiling() {
    return Duration.ofMillis(attempt >= 30 ? capMs : Math.min(capMs, baseMs << attempt));
  }

  /** After a successful connection: start again from the base. */
  public void reset() {
    attempt = 0;
  }
}
