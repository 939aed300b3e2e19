package jp.mynaterm.agent.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.EventRecord;

/**
 * An event waiting for the hub's ack: its sequence, when it was committed (for the oldest-unsent age),
 * and its record as the outbox keeps it, JSON in UTF-8 — sent as it is ({@link
 * MessageCodec#encodeEvents}), never read into a record and written out again on the way.
 */
public record Pending(long seq, long createdMs, byte[] json) {
  /** Its size in a message. */
  public int bytes() {
    return json.length;
  }

  /** The event read into its record (the outbox checked that it reads); for tests and tools, not for sending. */
  public EventRecord record() {
    try {
      return MessageCodec.read(json, EventRecord.class);
    } catch (IOException e) {
      throw new UncheckedIOException("event " + seq + " does not read: " + e.getMessage(), e);
    }
  }
}
