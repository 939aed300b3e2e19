package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

import jp.mynaterm.protocol.card.CardId;

/** A card's link to a service membership was ended by staff (or replaced after a certificate renewal).
 *
 * @param reason why, in a word: requested, renewed, lost, deceased, moved */
public record CardUnlinked(String service, CardId cardId, String member, String reason) implements UsageEvent {
  public CardUnlinked {
    text("service", service);
    required("cardId", cardId);
    text("member", member);
    text("reason", reason);
  }
}
