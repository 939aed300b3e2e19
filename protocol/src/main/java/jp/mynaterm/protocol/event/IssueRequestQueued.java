package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

import jp.mynaterm.protocol.card.CardId;

/** The hub was unreachable: the resident left a card-signed request, to be fulfilled at the counter or by post.
 *
 * @param requestId the request's id, shown to the resident
 * @param certificate the user-authentication certificate, DER in base64 (it names no one)
 * @param signature the card's signature over the request digest, base64 */
public record IssueRequestQueued(String requestId, String certificateType, java.util.Map<String, String> options, int copies, CardId cardId, String certificate, String signature) implements UsageEvent {
  public IssueRequestQueued {
    text("requestId", requestId);
    text("certificateType", certificateType);
    options = options == null ? java.util.Map.of() : java.util.Map.copyOf(options);
    positive("copies", copies);
    required("cardId", cardId);
    text("certificate", certificate);
    text("signature", signature);
  }
}
