package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/**
 * The hub's answer to events of one outbox epoch: what it has committed (ranges of sequences,
 * inclusive) and what it refused for good, each with its reason (the terminal keeps those aside
 * instead of resending them forever). A terminal applies an ack only to its outbox of that epoch.
 *
 * @param epoch the {@link Events#epoch} the sequences belong to; absent: {@link Events#LEGACY_EPOCH}
 */
public record Ack(String epoch, java.util.List<SeqRange> committed, java.util.List<Rejected> rejected) implements Body {
  public Ack {
    epoch = epoch == null ? Events.LEGACY_EPOCH : text("epoch", epoch);
    committed = list("committed", committed);
    rejected = rejected == null ? java.util.List.of() : java.util.List.copyOf(rejected);
  }

  /** An ack for the {@link Events#LEGACY_EPOCH}. */
  public Ack(java.util.List<SeqRange> committed, java.util.List<Rejected> rejected) {
    this(Events.LEGACY_EPOCH, committed, rejected);
  }
}
