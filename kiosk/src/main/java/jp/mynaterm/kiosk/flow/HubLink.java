package jp.mynaterm.kiosk.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The kiosk's requests to the hub (MQTT 5 request/response with a timeout in production). */
public interface HubLink {

  /** A fresh challenge for the card to sign, base64. */
  String challenge() throws HubUnavailable;

  IssueAnswer issue(IssueRequest request) throws HubUnavailable;

  /**
   * @param certificate the user-authentication certificate, DER in base64
   * @param caCertificate its CA's certificate from the card, DER in base64
   * @param signature the card's signature over SHA-256(challenge bytes), base64
   */
  record IssueRequest(String certificateType, Map<String, String> options, int copies, String certificate, String caCertificate, String challenge, String signature) {}

  sealed interface IssueAnswer {
    record Granted(JsonNode document, int feeYen, String documentDigest, String signature, String verificationCode) implements IssueAnswer {}

    /** @param code a refusal code such as {@code closed-hours}; the kiosk shows its message */
    record Refused(String code) implements IssueAnswer {}
  }

  /** The hub did not answer in time, or cannot be reached. */
  final class HubUnavailable extends Exception {
    public HubUnavailable(String message) {
      super(message, null, false, false);
    }
  }
}
