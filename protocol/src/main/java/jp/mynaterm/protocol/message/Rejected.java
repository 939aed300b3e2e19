package jp.mynaterm.protocol.message;

import jp.mynaterm.protocol.Fields;

/**
 * An event the hub refused for good, and why: {@link #CONFLICT}, or the decode error's reason
 * ({@code invalid-value}, {@code unknown-kind}, …) for an event this hub cannot read.
 */
public record Rejected(long seq, String reason) {
  /**
   * The hub already holds a different event under the same (terminal, epoch, seq); it kept this one
   * aside too and raised an alert. Never acknowledged as a repeat.
   */
  public static final String CONFLICT = "conflict";

  public Rejected {
    Fields.positive("seq", seq);
    Fields.text("reason", reason);
  }
}
