package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/** The hub's answer to events: what it has committed (ranges of sequences, inclusive) and what it
 * refused for good (the terminal keeps those aside instead of resending them forever). */
public record Ack(java.util.List<SeqRange> committed, java.util.List<Rejected> rejected) implements Body {
  public Ack {
    committed = list("committed", committed);
    rejected = rejected == null ? java.util.List.of() : java.util.List.copyOf(rejected);
  }
}
