package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/** The broker publishes this for a terminal that vanished without saying goodbye; a terminal
 * that stops cleanly publishes it itself with reason {@code stopped}. */
public record LastWill(String reason) implements Body {
  public LastWill {
    text("reason", reason);
  }
}
