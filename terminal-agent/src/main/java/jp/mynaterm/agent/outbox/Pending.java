package jp.mynaterm.agent.outbox;

import jp.mynaterm.protocol.message.EventRecord;

/** An event waiting for the hub's ack, and when it was committed (for the oldest-unsent age). */
public record Pending(EventRecord record, long createdMs) {
  public long seq() {
    return record.seq();
  }
}
