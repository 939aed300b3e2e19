package jp.mynaterm.protocol.card;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Checks what a card presents, the same way on terminals and the hub: the user-authentication
 * certificate's chain (with the CA certificate read from the card) to configured trust anchors, its
 * validity period, the local revocation store, and a signature over a challenge. Never throws for bad
 * input: every failure is a {@link CardVerdict}.
 */
public final class CardVerifier {
  private final TrustAnchors anchors;
  private final RevocationStore revoked;
  private final CardIds cardIds;
  private final Clock clock;

  public CardVerifier(TrustAnchors anchors, RevocationStore revoked, CardIds cardIds, Clock clock) {
    this.anchors = anchors;
    this.revoked = revoked;
    this.cardIds = cardIds;
    this.clock = clock;
  }

  /** The certificate alone ("card present"): validity, chain, revocation. */
  public CardVerdict checkCertificate(X509Certificate userAuth, X509Certificate ca) {
    Date now = Date.from(clock.instant());
    try {
      userAuth.checkValidity(now);
    } catch (CertificateExpiredException e) {
      return new CardVerdict.Expired(userAuth.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      return new CardVerdict.NotYetValid(userAuth.getNotBefore().toInstant());
    }
    try {
      // A self-signed CA (J-LIS's, in EF 000B) is trusted only as a configured anchor, never from the card: left out of the path.
      boolean intermediate = ca != null && !ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal());
      var path = CertificateFactory.getInstance("X.509").generateCertPath(intermediate ? List.of(userAuth, ca) : List.of(userAuth));
      PKIXParameters params = new PKIXParameters(anchors.pkix());
      // Revocation is the local store's job: J-LIS's CRL is not reachable from a terminal.
      params.setRevocationEnabled(false);
      params.setDate(now);
      CertPathValidator.getInstance("PKIX").validate(path, params);
    } catch (CertPathValidatorException e) {
      return new CardVerdict.Untrusted(e.getReason() + ": " + e.getMessage());
    } catch (GeneralSecurityException | RuntimeException e) {
      return new CardVerdict.Untrusted(e.getMessage());
    }
    String serial = Serials.toHex(userAuth);
    if (revoked.isRevoked(userAuth)) return new CardVerdict.Revoked(serial);
    return new CardVerdict.Trusted(cardIds.derive(userAuth), serial, userAuth.getNotAfter().toInstant());
  }

  /**
   * A tap without a signature, from the certificate's serial, issuer and validity alone: within its
   * validity, issued by a trusted CA by name (the anchors' subjects), not revoked. Nothing here is proven
   * by the card (a copied certificate passes, as it would pass a chain check without a signature);
   * where a signature is made, {@link #checkProof} checks the whole chain.
   */
  public CardVerdict checkUnsigned(X500Principal issuer, BigInteger serial, Instant notBefore, Instant notAfter) {
    Instant now = clock.instant();
    if (now.isAfter(notAfter)) return new CardVerdict.Expired(notAfter);
    if (now.isBefore(notBefore)) return new CardVerdict.NotYetValid(notBefore);
    if (anchors.certificates().stream().noneMatch(a -> a.getSubjectX500Principal().equals(issuer))) {
      return new CardVerdict.Untrusted("issuer is not a trusted CA: " + issuer.getName());
    }
    if (revoked.isRevoked(serial)) return new CardVerdict.Revoked(Serials.toHex(serial));
    return new CardVerdict.Trusted(cardIds.derive(issuer, serial), Serials.toHex(serial), notAfter);
  }

  /** "The holder is here now": the certificate as above, then the card's signature over {@code challenge}. */
  public CardVerdict checkProof(X509Certificate userAuth, X509Certificate ca, byte[] challenge, byte[] signature) {
    CardVerdict certificate = checkCertificate(userAuth, ca);
    if (!(certificate instanceof CardVerdict.Trusted)) return certificate;
    if (!JpkiSignatures.verify(userAuth.getPublicKey(), challenge, signature)) return new CardVerdict.BadSignature();
    return certificate;
  }
}
