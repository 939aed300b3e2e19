package jp.mynaterm.protocol.message;

import jp.mynaterm.protocol.Fields;

/** Sequences {@code from} to {@code to}, both included. */
public record SeqRange(long from, long to) {
  public SeqRange {
    Fields.positive("from", from);
    if (to < from) throw new Fields.BadValue("to", "must not be below from");
  }

  public boolean contains(long seq) {
    return seq >= from && seq <= to;
  }
}
