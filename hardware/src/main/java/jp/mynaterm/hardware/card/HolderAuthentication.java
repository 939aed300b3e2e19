package jp.mynaterm.hardware.card;

import java.security.SecureRandom;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.jpki.CertificateHead;
import jp.mynaterm.hardware.card.pinpad.PinEntry;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardVerdict;
import jp.mynaterm.protocol.card.CardVerifier;

/**
 * "The holder is here now": the certificate is checked first (so no PIN try is spent on an untrusted
 * or revoked card), then one VERIFY and a signature over a fresh random challenge, verified with the
 * certificate's key.
 */
public final class HolderAuthentication {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final CardVerifier verifier;

  public HolderAuthentication(CardVerifier verifier) {
    this.verifier = verifier;
  }

  public sealed interface Outcome {
    /**
     * @param certificate issuer and serial, for the revocation check; never logged
     * @param clockUnsynced the dates were checked against an unsynced clock ({@link CardVerdict.Trusted#clockUnsynced})
     */
    record Authenticated(CardId cardId, jp.mynaterm.protocol.card.CertificateKey certificate, java.time.Instant notAfter, boolean clockUnsynced)
        implements Outcome {}

    record CardFailed(CardProblem problem) implements Outcome {}

    record Rejected(CardVerdict verdict) implements Outcome {}
  }

  /**
   * A PIN-less tap in at most 4 APDUs: the certificate's serial, issuer and validity from its first
   * bytes ({@link MyNumberCard#userAuthCertificateHead}), checked for validity, a trusted issuer name and
   * revocation ({@link CardVerifier#checkUnsigned}). Proves no more than the whole chain would without
   * a signature: a chip gave a certificate of a trusted issuer; a copy would pass too.
   */
  public Outcome checkTap(MyNumberCard card) {
    return switch (card.userAuthCertificateHead()) {
      case CardResult.Failed<CertificateHead> f -> new Outcome.CardFailed(f.problem());
      case CardResult.Ok<CertificateHead> ok -> outcome(verifier.checkUnsigned(ok.value().issuer(), ok.value().serial(), ok.value().notBefore(), ok.value().notAfter()));
    };
  }

  /** The card-present check without a PIN, on the whole certificates: chain, validity, revocation. */
  public Outcome checkPresent(MyNumberCard card) {
    return switch (card.certificates()) {
      case CardResult.Failed<CardCertificates> f -> new Outcome.CardFailed(f.problem());
      case CardResult.Ok<CardCertificates> ok -> outcome(verifier.checkCertificate(ok.value().userAuth(), ok.value().ca()));
    };
  }

  public Outcome authenticate(MyNumberCard card, char[] pin) {
    return authenticate(card, new PinEntry.Typed(pin));
  }

  /**
   * The certificates, then one VERIFY with the PIN as the resident gives it (typed, wiped after, or on
   * the reader's pad) and a signature over a fresh challenge. A typed PIN is wiped even when no VERIFY
   * is sent (an untrusted card).
   */
  public Outcome authenticate(MyNumberCard card, PinEntry pin) {
    try {
      return authenticateOnce(card, pin);
    } finally {
      if (pin instanceof PinEntry.Typed t) t.wipe();
    }
  }

  private Outcome authenticateOnce(MyNumberCard card, PinEntry pin) {
    CardCertificates certs;
    switch (card.certificates()) {
      case CardResult.Failed<CardCertificates> f -> {
        return new Outcome.CardFailed(f.problem());
      }
      case CardResult.Ok<CardCertificates> ok -> certs = ok.value();
    }
    CardVerdict first = verifier.checkCertificate(certs.userAuth(), certs.ca());
    if (!(first instanceof CardVerdict.Trusted)) return new Outcome.Rejected(first);
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    return switch (card.signChallenge(pin, challenge)) {
      case CardResult.Failed<byte[]> f -> new Outcome.CardFailed(f.problem());
      case CardResult.Ok<byte[]> ok -> outcome(verifier.checkProof(certs.userAuth(), certs.ca(), challenge, ok.value()));
    };
  }

  private static Outcome outcome(CardVerdict verdict) {
    return verdict instanceof CardVerdict.Trusted t
        ? new Outcome.Authenticated(t.cardId(), t.certificate(), t.notAfter(), t.clockUnsynced())
        : new Outcome.Rejected(verdict);
  }
}
