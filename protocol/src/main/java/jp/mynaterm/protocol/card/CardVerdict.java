package jp.mynaterm.protocol.card;

import java.time.Instant;

/** What checking a card's certificate and signature concluded; {@link Trusted} is the only good one. */
public sealed interface CardVerdict {
  /**
   * One line for an operator or a log; never personal data, and never the certificate's serial (the
   * same card's serial in every city: exactly what the CardId exists to hide).
   */
  String describe();

  /**
   * @param certificate the certificate's issuer and serial, for revocation checks; never logged
   * @param notAfter when the certificate expires: a link made with it ends then
   * @param clockUnsynced the dates were checked against a clock not known to be right (see {@link
   *     CardVerifier}): an expired certificate may have passed; the terminal says so in its log
   */
  record Trusted(CardId cardId, CertificateKey certificate, Instant notAfter, boolean clockUnsynced) implements CardVerdict {
    public String describe() {
      return clockUnsynced ? "trusted (card " + cardId + "; dates checked against an unsynced clock)" : "trusted (card " + cardId + ")";
    }
  }

  /** The chain does not lead to a configured trust anchor, or a certificate in it is malformed. */
  record Untrusted(String reason) implements CardVerdict {
    public String describe() {
      return "untrusted certificate: " + reason;
    }
  }

  record Expired(Instant notAfter) implements CardVerdict {
    public String describe() {
      return "certificate expired at " + notAfter;
    }
  }

  record NotYetValid(Instant notBefore) implements CardVerdict {
    public String describe() {
      return "certificate not valid before " + notBefore;
    }
  }

  record Revoked(CardId cardId) implements CardVerdict {
    public String describe() {
      return "certificate revoked (card " + cardId + ")";
    }
  }

  /** The signature over the challenge does not verify with the certificate's key. */
  record BadSignature() implements CardVerdict {
    public String describe() {
      return "the signature over the challenge does not verify";
    }
  }
}
