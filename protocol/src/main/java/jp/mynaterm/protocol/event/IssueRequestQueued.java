package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

import jp.mynaterm.protocol.card.CardId;

/** The hub was unreachable: the resident left a card-signed request, to be fulfilled at the counter or by post.
 *
 * @param requestId the request's id, shown to the resident
 * @param certificate the user-authentication certificate, DER in base64 (it names no one)
 * @param caCertificate its issuing CA's certificate, DER in base64, so the counter can check the chain
 * @param signature the card's signature (user-authentication key, SHA-256) over {@link #signedContent}, base64
 * @param delivery {@code counter} (collected at the city hall counter) or {@code post} (sent to the registered address)
 * @param contact a phone number the resident gave for questions (digits, optional: empty), nothing else
 * @param feeYen the fee the kiosk stated (postage included for post), to be paid when it is fulfilled */
public record IssueRequestQueued(
    String requestId, String certificateType, java.util.Map<String, String> options, int copies, CardId cardId, String certificate, String caCertificate,
    String signature, String delivery, String contact, int feeYen) implements UsageEvent {
  public static final java.util.List<String> DELIVERIES = java.util.List.of("counter", "post");
  /** A phone number as typed on the kiosk's keypad: digits only, never a name or an address. */
  public static final String CONTACT = "[0-9]{0,15}";

  public IssueRequestQueued {
    text("requestId", requestId);
    text("certificateType", certificateType);
    options = options == null ? java.util.Map.of() : java.util.Map.copyOf(options);
    positive("copies", copies);
    required("cardId", cardId);
    text("certificate", certificate);
    text("caCertificate", caCertificate);
    text("signature", signature);
    delivery = delivery == null ? "counter" : delivery; // requests queued before the choice existed were for the counter
    if (!DELIVERIES.contains(delivery)) throw new IllegalArgumentException("delivery must be counter or post");
    contact = contact == null ? "" : contact;
    if (!contact.matches(CONTACT)) throw new IllegalArgumentException("contact must be up to 15 digits");
    nonNegative("feeYen", feeYen);
  }

  /**
   * What the card signs for a request, so the counter can check the holder asked for exactly this:
   * the canonical JSON of the request id, type, options and copies. One definition for the kiosk
   * that signs and the hub that checks.
   */
  public static byte[] signedContent(String requestId, String certificateType, java.util.Map<String, String> options, int copies) {
    var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    node.put("requestId", requestId).put("certificateType", certificateType).put("copies", copies);
    var opts = node.putObject("options");
    options.forEach(opts::put);
    return jp.mynaterm.protocol.issuance.CanonicalJson.bytes(node);
  }
}
