package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

import jp.mynaterm.protocol.card.CardId;

/** An item was lent to a patron identified by card.
 *
 * @param offline whether the checkout was queued offline and sent with SIP2's no-block flag
 * @param accepted whether the library system accepted it (false while still pending) */
public record LibraryLoan(CardId cardId, String patron, String item, boolean offline, boolean accepted) implements UsageEvent {
  public LibraryLoan {
    required("cardId", cardId);
    text("patron", patron);
    text("item", item);
  }
}
