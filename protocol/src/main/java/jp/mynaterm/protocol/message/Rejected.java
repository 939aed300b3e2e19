package jp.mynaterm.protocol.message;

import jp.mynaterm.protocol.Fields;

/** An event the hub refused for good, and why (a counted reason such as {@code invalid-event}). */
public record Rejected(long seq, String reason) {
  public Rejected {
    Fields.positive("seq", seq);
    Fields.text("reason", reason);
  }
}
