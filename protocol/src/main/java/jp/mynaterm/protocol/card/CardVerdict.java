package jp.mynaterm.protocol.card;

import java.time.Instant;

/** What checking a card's certificate and signature concluded; {@link Trusted} is the only good one. */
public sealed interface CardVerdict {
  /** One line for an operator or a log; never personal data (certificate serials are not personal). */
  String describe();

  /** @param notAfter when the certificate expires: a link made with it ends then */
  record Trusted(CardId cardId, String serialHex, java.time.Instant notAfter) implements CardVerdict {
    public String describe() {
      return "trusted (serial " + serialHex + ")";
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

  record Revoked(String serialHex) implements CardVerdict {
    public String describe() {
      return "certificate revoked (serial " + serialHex + ")";
    }
  }

  /** The signature over the challenge does not verify with the certificate's key. */
  record BadSignature() implements CardVerdict {
    public String describe() {
      return "the signature over the challenge does not verify";
    }
  }
}
