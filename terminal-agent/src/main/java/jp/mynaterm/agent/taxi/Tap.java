package jp.mynaterm.agent.taxi;

import java.math.BigInteger;
import java.time.Instant;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardVerdict;
import jp.mynaterm.protocol.card.Serials;

/** What the card reader made of a card laid on it. */
public sealed interface Tap {

  /**
   * A My Number card whose user-authentication certificate chains to the trusted CA.
   *
   * @param serial the certificate's serial, for the revocation check
   * @param notAfter when the certificate expires
   * @param pinVerified whether the rider also entered the PIN and the card signed a challenge
   */
  record Card(CardId cardId, BigInteger serial, Instant notAfter, boolean pinVerified) implements Tap {}

  /**
   * No usable card: {@code not-my-number-card}, {@code removed} (pulled too soon), {@code untrusted}
   * (the certificate does not chain to the trusted CA), {@code pin-failed} (PIN required and wrong).
   */
  record Unreadable(String reason) implements Tap {}

  /**
   * Reads a tap without a PIN: the certificates, their chain and validity ({@link
   * HolderAuthentication#checkPresent}). Revocation is left to the vehicle reader (give the
   * verifier an empty store), so a revoked card's refusal is recorded with its CardId.
   */
  static Tap read(HolderAuthentication authentication, MyNumberCard card) {
    return switch (authentication.checkPresent(card)) {
      case HolderAuthentication.Outcome.Authenticated a ->
          new Card(a.cardId(), Serials.parseHex(a.serialHex()), a.notAfter(), false);
      case HolderAuthentication.Outcome.Rejected r -> new Unreadable(switch (r.verdict()) {
        case CardVerdict.Expired e -> "expired";
        case CardVerdict.NotYetValid n -> "not-yet-valid";
        case CardVerdict.Revoked v -> "revoked";
        default -> "untrusted";
      });
      case HolderAuthentication.Outcome.CardFailed f -> new Unreadable(switch (f.problem()) {
        case CardProblem.NotMyNumberCard n -> "not-my-number-card";
        case CardProblem.CardRemoved c -> "removed";
        case CardProblem.NoCard c -> "removed";
        default -> "unreadable";
      });
    };
  }
}
