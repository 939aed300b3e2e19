package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/**
 * Usage events, oldest first: one, or a batch when a terminal drains a backlog. Each has its own
 * sequence and the time it happened (the header's time is when it was sent).
 *
 * @param epoch the outbox the sequences belong to: a random id made when the terminal's outbox file
 *     was created. A re-imaged terminal, or one whose outbox had to be set aside, starts again at
 *     sequence 1 in a new epoch, so the hub never takes its new events for repeats of old ones.
 *     Absent: {@link #LEGACY_EPOCH} (a sender from before epochs, and outbox files made by one).
 */
public record Events(String epoch, java.util.List<EventRecord> events) implements Body {
  /** The epoch of every event sent before epochs existed, and of outbox files made before them. */
  public static final String LEGACY_EPOCH = "legacy";

  public Events {
    epoch = epoch == null ? LEGACY_EPOCH : text("epoch", epoch);
    events = list("events", events);
    if (events.isEmpty()) throw new BadValue("events", "must hold at least one event");
  }

  /** Events of the {@link #LEGACY_EPOCH} (what a sender without an outbox epoch sends). */
  public Events(java.util.List<EventRecord> events) {
    this(LEGACY_EPOCH, events);
  }
}
