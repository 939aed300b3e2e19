package jp.mynaterm.hub.storage;

import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.Heartbeat;

/**
 * A terminal's latest birth, heartbeat or last will.
 *
 * @param role from the birth, null otherwise
 * @param queueDepth a heartbeat's outbox depth, null for the other kinds
 */
public record StatusRow(String terminal, String kind, String role, String payload, Long queueDepth) {
  public StatusRow(String terminal, String kind, String role, String payload) {
    this(terminal, kind, role, payload, null);
  }

  /** A heartbeat, kept also as the terminal's newest heartbeat for the fleet view. */
  public static StatusRow heartbeat(String terminal, Heartbeat h) {
    return new StatusRow(terminal, "heartbeat", null, MessageCodec.write(h), h.queueDepth());
  }

  boolean isHeartbeat() {
    return kind.equals("heartbeat");
  }
}
