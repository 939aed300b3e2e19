package jp.mynaterm.config;

import java.time.Duration;

/**
 * When the console's fleet view raises an alert about a terminal.
 *
 * @param offlineAfter offline (a last will, or no birth or heartbeat for 3 minutes) for longer than this
 * @param outboxRisingHeartbeats its outbox depth higher than the heartbeat before, this many heartbeats in a row
 * @param outboxOldest its oldest unsent event older than this (the outbox is not draining)
 * @param staleListAfter a list (revocations, its allow-list) not confirmed current by the hub for longer
 *     than this; the terminal's own warning about a list raises it too
 */
public record FleetSettings(Duration offlineAfter, Integer outboxRisingHeartbeats, Duration outboxOldest, Duration staleListAfter) {
  public static final FleetSettings DEFAULT = new FleetSettings(null, null, null, null);

  public FleetSettings {
    offlineAfter = Check.positive("offlineAfter", Check.orDefault(offlineAfter, Duration.ofMinutes(15)));
    outboxRisingHeartbeats = Check.range("outboxRisingHeartbeats", Check.orDefault(outboxRisingHeartbeats, 5), 2, 1000);
    outboxOldest = Check.positive("outboxOldest", Check.orDefault(outboxOldest, Duration.ofMinutes(30)));
    staleListAfter = Check.positive("staleListAfter", Check.orDefault(staleListAfter, Duration.ofDays(2)));
  }
}
