package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

import jp.mynaterm.protocol.card.CardId;

/** A tap was refused; the reason is recorded so staff can help the rider.
 *
 * @param cardId the card, or null when the card could not be read as a My Number card
 * @param reason why, by its wire name ({@link RefusalReason}) */
public record TapRefused(String service, CardId cardId, String terminalPlace, RefusalReason reason) implements UsageEvent {
  public TapRefused {
    text("service", service);
    terminalPlace = terminalPlace == null ? "" : terminalPlace;
    required("reason", reason);
  }
}
