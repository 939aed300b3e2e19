package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/** Usage events, oldest first: one, or a batch when a terminal drains a backlog. Each has its own
 * per-terminal sequence and the time it happened (the header's time is when it was sent). */
public record Events(java.util.List<EventRecord> events) implements Body {
  public Events {
    events = list("events", events);
    if (events.isEmpty()) throw new BadValue("events", "must hold at least one event");
  }
}
