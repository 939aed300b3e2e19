package jp.mynaterm.hub.storage;

import java.util.Set;

/**
 * What the events of some terminals are, counted by event rather than by storage key: two stored
 * rows are the same event if they have the same event id or the same content (terminal, time and
 * what happened), whatever their (epoch, seq). Tests and benchmarks check lost and duplicated events
 * with it, so the check can fail even when the key would hide a repeat.
 *
 * @param stored rows stored
 * @param duplicated rows that repeat an event stored in an earlier row
 * @param ids the event ids stored (events from before ids have none)
 */
public record EventCensus(long stored, long duplicated, Set<String> ids) {
  public EventCensus {
    ids = Set.copyOf(ids);
  }

  /** Distinct events stored. */
  public long distinct() {
    return stored - duplicated;
  }
}
