package jp.mynaterm.agent.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import jp.mynaterm.protocol.message.Rejected;
import jp.mynaterm.protocol.message.SeqRange;

/**
 * Batches sent and not yet acknowledged end to end by the hub, oldest first. Only the hub's ack
 * (after its commit) frees a batch: a broker's PUBACK says nothing about whether the hub has it.
 */
final class InFlight {
  record Batch(long[] seqs, long sentAtMs) {
    long last() {
      return seqs[seqs.length - 1];
    }
  }

  private final List<Batch> batches = new ArrayList<>();
  private int events;

  synchronized void sent(long[] seqs, long nowMs) {
    batches.add(new Batch(seqs, nowMs));
    events += seqs.length;
  }

  /** Drops every batch the ack covers completely; returns how many events that freed. */
  synchronized int acknowledged(List<SeqRange> committed, List<Rejected> rejected) {
    Set<Long> refused = new HashSet<>();
    for (Rejected r : rejected) refused.add(r.seq());
    int freed = 0;
    for (Iterator<Batch> it = batches.iterator(); it.hasNext(); ) {
      Batch b = it.next();
      if (covered(b, committed, refused)) {
        it.remove();
        freed += b.seqs().length;
      }
    }
    events -= freed;
    return freed;
  }

  private static boolean covered(Batch b, List<SeqRange> committed, Set<Long> refused) {
    for (long seq : b.seqs()) {
      if (refused.contains(seq)) continue;
      boolean in = false;
      for (SeqRange r : committed) {
        if (r.contains(seq)) {
          in = true;
          break;
        }
      }
      if (!in) return false;
    }
    return true;
  }

  /** When the oldest unacknowledged batch was sent, or -1 if none. */
  synchronized long oldestSentAtMs() {
    return batches.isEmpty() ? -1 : batches.get(0).sentAtMs();
  }

  synchronized int events() {
    return events;
  }

  /** Forgets everything, so the sender starts again from the oldest event in the outbox. */
  synchronized void clear() {
    batches.clear();
    events = 0;
  }
}
