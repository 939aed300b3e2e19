package jp.mynaterm.protocol.codec;

import java.util.List;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Header;
import jp.mynaterm.protocol.message.Rejected;

/**
 * An {@code events} message whose envelope is sound but some of whose events are not: the readable
 * events, and the others named by their sequence with the decode error's reason, so the receiver can
 * store the first and refuse the second for good instead of refusing (and being sent) the whole batch
 * forever.
 *
 * @param unnamed unreadable events whose sequence cannot be read either (nobody can be told about them)
 */
public record SalvagedEvents(Header header, String epoch, List<EventRecord> readable, List<Rejected> unreadable, int unnamed) {
  public SalvagedEvents {
    readable = List.copyOf(readable);
    unreadable = List.copyOf(unreadable);
  }
}
