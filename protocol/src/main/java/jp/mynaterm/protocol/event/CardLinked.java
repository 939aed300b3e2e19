package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

import jp.mynaterm.protocol.card.CardId;

/** A card was linked to a service membership at an attended terminal, the holder proven present (PIN + signed challenge).
 *
 * @param service taxi, library, hospital or resident (the certificate kiosk's card → resident link)
 * @param member the member number in that service (rider number, resident id); for the library and the
 *     hospital it is sealed by the service's terminals ({@value #SEALED_MEMBER} and AES-GCM-SIV text) so
 *     that the hub, which relays it to the service's other terminals, cannot read patron or patient numbers
 * @param category the fare or service class (senior, disability, child, …), empty where none
 * @param certNotAfter when the user-authentication certificate expires: the link ends with it */
public record CardLinked(String service, CardId cardId, String member, String category, java.time.Instant certNotAfter) implements UsageEvent {
  /** How a sealed member number starts; the hub compares sealed numbers but never opens them. */
  public static final String SEALED_MEMBER = "sealed:v1:";

  /** The member as staff at the hub may see it: a sealed number is only "a member", never its text. */
  public static String shown(String member) {
    return member.startsWith(SEALED_MEMBER) ? "(sealed)" : member;
  }

  public CardLinked {
    text("service", service);
    required("cardId", cardId);
    text("member", member);
    category = category == null ? "" : category;
    required("certNotAfter", certNotAfter);
  }
}
