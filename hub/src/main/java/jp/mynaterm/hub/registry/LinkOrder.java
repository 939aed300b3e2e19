package jp.mynaterm.hub.registry;

import java.time.Instant;
import java.util.Comparator;
import jp.mynaterm.hub.storage.StoredEvent;

/**
 * Where a link event stands in the order the counters made it, which is the order the registry
 * applies link events in, whatever order they reach the hub in: by the counter's wall time when the
 * event was made, then by terminal id, then by the terminal's sequence number. (terminal, seq) is
 * unique, so this is a total order and every arrival order gives the same registry.
 *
 * <p>Why the wall time and not the arrival: a counter that was offline sends its links late, and an
 * unlink made after a link must not be undone by the link arriving after it. Why not the sequence
 * alone: it orders one counter's events only; two counters have only their clocks in common (both
 * NTP-synchronised; an event stamped without a synchronised clock is still placed by its wall time,
 * and staff are told to check it).
 */
record LinkOrder(Instant wall, String terminal, long seq) implements Comparable<LinkOrder> {
  private static final Comparator<LinkOrder> ORDER =
      Comparator.comparing(LinkOrder::wall).thenComparing(LinkOrder::terminal).thenComparingLong(LinkOrder::seq);

  static LinkOrder of(StoredEvent e) {
    return new LinkOrder(e.record().time().wall(), e.key().terminal(), e.key().seq());
  }

  @Override
  public int compareTo(LinkOrder other) {
    return ORDER.compare(this, other);
  }
}
