package jp.mynaterm.protocol.message;

import jp.mynaterm.protocol.Fields;
import jp.mynaterm.protocol.card.CardId;

/**
 * One member of a service as its terminals see it: no name, no address.
 *
 * @param category the fare or service class (senior, disability, child, …)
 */
public record AllowEntry(CardId cardId, String member, String category, MemberStatus status) {
  public AllowEntry {
    Fields.required("cardId", cardId);
    Fields.text("member", member);
    category = category == null ? "" : category;
    Fields.required("status", status);
  }
}
