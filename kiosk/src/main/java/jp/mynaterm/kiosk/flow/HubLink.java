package jp.mynaterm.kiosk.flow;

import com.fasterxml.jackson.databind.JsonNode;
import jp.mynaterm.protocol.message.RequestBody;

/** The kiosk's requests to the hub (MQTT 5 request/response with a timeout in production). */
public interface HubLink {

  /**
   * A fresh challenge for the card to sign, asked for a certificate type: the hub refuses at once what
   * the calendar forbids (weekdays only, closed day, hours), before the resident's card and PIN.
   */
  ChallengeAnswer challenge(String certificateType) throws HubUnavailable;

  sealed interface ChallengeAnswer {
    /**
     * @param challenge base64
     * @param feeYenPerCopy shown before the card is asked for; null if the hub did not say
     */
    record Issued(String challenge, Integer feeYenPerCopy) implements ChallengeAnswer {}
  }

  /** The card-signed request, as it travels (the protocol's record, so there is one definition). */
  IssueAnswer issue(RequestBody.Issuance request) throws HubUnavailable;

  sealed interface IssueAnswer {
    record Granted(JsonNode document, int feeYen, String documentDigest, String signature, String verificationCode) implements IssueAnswer {}

    /** @param code a refusal code such as {@code closed-hours}; the kiosk shows its message */
    record Refused(String code) implements IssueAnswer, ChallengeAnswer {}
  }

  /** The hub did not answer in time, or cannot be reached. */
  final class HubUnavailable extends Exception {
    public HubUnavailable(String message) {
      super(message, null, false, false);
    }
  }
}
