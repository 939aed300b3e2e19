package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.positive;
import static jp.mynaterm.protocol.Fields.required;

import jp.mynaterm.protocol.Fields;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.time.Stamp;

/**
 * One event as it travels: its sequence in its outbox (from 1, increasing by one, never reused within
 * the outbox's epoch, see {@link Events#epoch}), its own id, the time it happened, and what happened.
 * The hub stores each (terminal, epoch, seq) once.
 *
 * @param id a time-ordered id (UUID version 7) made with the event, the same on every resend: what
 *     counts an event as one event whatever key it is stored under. Absent ({@code null}) only on
 *     events committed by a version before it existed.
 */
public record EventRecord(long seq, String id, Stamp time, UsageEvent event) {
  public EventRecord {
    positive("seq", seq);
    if (id != null) Fields.text("id", id);
    required("time", time);
    required("event", event);
  }

  /** A new event: it gets its id now. */
  public EventRecord(long seq, Stamp time, UsageEvent event) {
    this(seq, MessageFactory.newId(), time, event);
  }
}
