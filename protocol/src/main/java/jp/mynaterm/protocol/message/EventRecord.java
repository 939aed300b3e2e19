package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.positive;
import static jp.mynaterm.protocol.Fields.required;

import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.time.Stamp;

/**
 * One event as it travels: its per-terminal sequence (from 1, increasing by one, never reused), the
 * time it happened, and what happened. The hub stores each (terminal, seq) once.
 */
public record EventRecord(long seq, Stamp time, UsageEvent event) {
  public EventRecord {
    positive("seq", seq);
    required("time", time);
    required("event", event);
  }
}
