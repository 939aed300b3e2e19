package jp.mynaterm.agent.taxi;

import java.time.Instant;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardVerdict;
import jp.mynaterm.protocol.card.CertificateKey;
import jp.mynaterm.protocol.event.RefusalReason;

/** What the card reader made of a card laid on it. */
public sealed interface Tap {

  /**
   * A My Number card whose user-authentication certificate chains to the trusted CA.
   *
   * @param certificate the certificate's issuer and serial, for the revocation check
   * @param notAfter when the certificate expires
   * @param pinVerified whether the rider also entered the PIN and the card signed a challenge
   * @param clockUnsynced the dates were checked against an unsynced clock (an expired card may pass)
   */
  record Card(CardId cardId, CertificateKey certificate, Instant notAfter, boolean pinVerified, boolean clockUnsynced) implements Tap {}

  /**
   * A My Number card whose certificate the verifier rejected: expired, not yet valid, revoked, or not
   * chaining to the trusted CA. The card was read; it may not ride.
   */
  record CertificateRejected(RefusalReason reason) implements Tap {
    public CertificateRejected {
      switch (reason) {
        case REVOKED, EXPIRED, NOT_YET_VALID, UNTRUSTED -> {}
        default -> throw new IllegalArgumentException(reason + " is not about a certificate");
      }
    }
  }

  /** No usable card: not a My Number card, removed (pulled too soon), or unreadable. */
  record Unreadable(RefusalReason reason) implements Tap {
    public Unreadable {
      switch (reason) {
        case NOT_MY_NUMBER_CARD, REMOVED, UNREADABLE -> {}
        default -> throw new IllegalArgumentException(reason + " is not about reading a card");
      }
    }
  }

  /**
   * Reads a tap without a PIN in at most 4 APDUs: the user-authentication certificate's serial, issuer
   * and validity from its first bytes ({@link HolderAuthentication#checkTap}), not the whole
   * certificates and their chain, which without a signature prove nothing more. Revocation is left to
   * {@link RideDecider} (give the verifier an empty store), so a revoked card's refusal is recorded
   * with its CardId.
   */
  static Tap read(HolderAuthentication authentication, MyNumberCard card) {
    return switch (authentication.checkTap(card)) {
      case HolderAuthentication.Outcome.Authenticated a ->
          new Card(a.cardId(), a.certificate(), a.notAfter(), false, a.clockUnsynced());
      case HolderAuthentication.Outcome.Rejected r -> new CertificateRejected(switch (r.verdict()) {
        case CardVerdict.Expired e -> RefusalReason.EXPIRED;
        case CardVerdict.NotYetValid n -> RefusalReason.NOT_YET_VALID;
        case CardVerdict.Revoked v -> RefusalReason.REVOKED;
        default -> RefusalReason.UNTRUSTED;
      });
      case HolderAuthentication.Outcome.CardFailed f -> new Unreadable(switch (f.problem()) {
        case CardProblem.NotMyNumberCard n -> RefusalReason.NOT_MY_NUMBER_CARD;
        case CardProblem.CardRemoved c -> RefusalReason.REMOVED;
        case CardProblem.NoCard c -> RefusalReason.REMOVED;
        default -> RefusalReason.UNREADABLE;
      });
    };
  }
}
