package jp.mynaterm.agent.sync;

/**
 * How delivery is going, for heartbeats, logs and tests.
 *
 * @param receiveMaximum the broker's Receive Maximum from the last CONNACK: the most QoS 1 publishes
 *     this client keeps in flight
 * @param maxInFlightSeen the most publishes ever in flight at once (never above receiveMaximum)
 * @param connects successful connections so far
 * @param resends times unacknowledged events were sent again (ack timeout or reconnect)
 */
public record SyncStats(boolean connected, int receiveMaximum, int maxInFlightSeen, long connects, long resends, long publishFailures) {}
