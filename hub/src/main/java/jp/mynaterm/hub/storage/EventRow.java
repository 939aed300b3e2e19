package jp.mynaterm.hub.storage;

import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Events;

/** One event to store, as it came from a terminal, with the epoch of the outbox it came from. */
public record EventRow(String terminal, String epoch, EventRecord record) {
  /** An event of the {@link Events#LEGACY_EPOCH}. */
  public EventRow(String terminal, EventRecord record) {
    this(terminal, Events.LEGACY_EPOCH, record);
  }

  public EventKey key() {
    return new EventKey(terminal, epoch, record.seq());
  }
}
