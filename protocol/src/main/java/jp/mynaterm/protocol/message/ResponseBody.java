package jp.mynaterm.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jp.mynaterm.protocol.Fields;

/** What the hub answers. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ResponseBody.ChallengeIssued.class, name = "challenge"),
  @JsonSubTypes.Type(value = ResponseBody.ListSyncStarted.class, name = "list-sync"),
  @JsonSubTypes.Type(value = ResponseBody.IssuanceGranted.class, name = "issuance"),
  @JsonSubTypes.Type(value = ResponseBody.Refused.class, name = "refused"),
})
public sealed interface ResponseBody {

  /**
   * @param challenge 32 random bytes, base64
   * @param feeYenPerCopy the fee per copy of the certificate type the challenge was asked for (purpose
   *     {@code issuance:<type>}), so the kiosk shows the fee before the card; null for a bare purpose
   */
  record ChallengeIssued(String challenge, java.time.Instant expires, Integer feeYenPerCopy) implements ResponseBody {
    public ChallengeIssued {
      Fields.text("challenge", challenge);
      Fields.required("expires", expires);
    }

    public ChallengeIssued(String challenge, java.time.Instant expires) {
      this(challenge, expires, null);
    }
  }

  /** @param current the versions the hub is sending, per list */
  record ListSyncStarted(java.util.Map<String, Long> current) implements ResponseBody {
    public ListSyncStarted {
      current = Fields.map("current", current);
    }
  }

  /**
   * The signed document to print.
   *
   * @param document the certificate's content, in the layout the kiosk renders
   * @param documentDigest SHA-256 of the canonical document, hex
   * @param signature the city's issuing key's signature over the digest, base64
   * @param verificationCode the unguessable code printed with the QR
   */
  record IssuanceGranted(
      com.fasterxml.jackson.databind.JsonNode document,
      int feeYen,
      String documentDigest,
      String signature,
      String verificationCode)
      implements ResponseBody {
    public IssuanceGranted {
      Fields.required("document", document);
      Fields.nonNegative("feeYen", feeYen);
      Fields.text("documentDigest", documentDigest);
      Fields.text("signature", signature);
      Fields.text("verificationCode", verificationCode);
    }
  }

  /**
   * The hub will not do it.
   *
   * @param code a stable word the terminal maps to a message (closed, not-allowed, revoked, …)
   * @param message a short explanation for logs, never personal data
   */
  record Refused(String code, String message) implements ResponseBody {
    public Refused {
      Fields.text("code", code);
      message = message == null ? "" : message;
    }
  }
}
