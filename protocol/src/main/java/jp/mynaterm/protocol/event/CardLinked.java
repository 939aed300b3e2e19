package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

import jp.mynaterm.protocol.card.CardId;

/** A card was linked to a service membership at an attended terminal, the holder proven present (PIN + signed challenge).
 *
 * @param service taxi, library, hospital or resident (the certificate kiosk's card → resident link)
 * @param member the member number in that service (patron, patient, rider number)
 * @param category the fare or service class (senior, disability, child, …), empty where none
 * @param certNotAfter when the user-authentication certificate expires: the link ends with it */
public record CardLinked(String service, CardId cardId, String member, String category, java.time.Instant certNotAfter) implements UsageEvent {
  public CardLinked {
    text("service", service);
    required("cardId", cardId);
    text("member", member);
    category = category == null ? "" : category;
    required("certNotAfter", certNotAfter);
  }
}
