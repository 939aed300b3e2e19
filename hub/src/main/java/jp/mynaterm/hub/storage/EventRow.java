package jp.mynaterm.hub.storage;

import java.util.Objects;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Events;

/**
 * One event to store, as it came from a terminal, with the epoch of the outbox it came from and the
 * JSON it is stored as ({@link MessageCodec#write} of the record). The JSON is written when the row
 * is made: ingest makes its rows on the thread that decodes, beside the writer, whose one thread
 * every terminal's events queue for (writing the JSON was a third of its work).
 *
 * @param json {@code MessageCodec.write(record)}, which the constructors without it write; given by
 *     hand it must be exactly that, as it is what is stored and compared
 */
public record EventRow(String terminal, String epoch, EventRecord record, String json) {
  public EventRow {
    Objects.requireNonNull(json, "json");
  }

  public EventRow(String terminal, String epoch, EventRecord record) {
    this(terminal, epoch, record, MessageCodec.write(record));
  }

  /** An event of the {@link Events#LEGACY_EPOCH}. */
  public EventRow(String terminal, EventRecord record) {
    this(terminal, Events.LEGACY_EPOCH, record);
  }

  public EventKey key() {
    return new EventKey(terminal, epoch, record.seq());
  }
}
