package jp.mynaterm.agent.outbox;

import jp.mynaterm.protocol.message.EventRecord;

/**
 * An event waiting for the hub's ack, when it was committed (for the oldest-unsent age), and its
 * size as JSON in bytes (what it adds to a message).
 */
public record Pending(EventRecord record, long createdMs, int bytes) {
  public long seq() {
    return record.seq();
  }
}
