package jp.mynaterm.protocol.card;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import java.util.Arrays;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import jp.mynaterm.protocol.time.TerminalClock;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Checks what a card presents, the same way on terminals and the hub: the user-authentication
 * certificate's profile (key usage, the JPKI user-authentication policy), its chain (with the CA
 * certificate read from the card) to configured trust anchors, its validity period against a clock
 * that may be wrong, the local revocation store, and a signature over a challenge. Never throws for
 * bad input: every failure is a {@link CardVerdict}.
 *
 * <h2>Certificate dates and the terminal's clock</h2>
 *
 * A Raspberry Pi has no real-time clock: until NTP syncs it, it runs from the last saved time (or
 * from 1970). The rule:
 *
 * <ul>
 *   <li>Clock synced (systemd-timesyncd says so; the hub's clock counts as synced): notBefore and
 *       notAfter are enforced, and the chain is checked at that time.
 *   <li>Clock not synced: notAfter is still enforced (an unsynced Pi is behind, not ahead, so "expired"
 *       on it is expired). notBefore is not: a card is not refused because the clock is in 1970. The
 *       chain is checked at the later of the clock and the certificate's notBefore. Such a card is
 *       accepted with {@link CardVerdict.Trusted#clockUnsynced()} set, because an expired
 *       certificate may pass on a clock that is behind: the terminal logs it, and the record it makes
 *       carries the same clock's {@code synced: false} to the hub.
 * </ul>
 */
public final class CardVerifier {
  /** JPKI 利用者証明用 (user authentication), class 30: the only certificate accepted as identity. */
  public static final String USER_AUTH_POLICY = "1.2.392.200149.8.5.1.3.30";

  /** JPKI 署名用 (signature) policy arc: carries name and address, never an identity. */
  static final String SIGNATURE_POLICY_ARC = "1.2.392.200149.8.5.1.1";

  private static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;
  private static final int KEY_USAGE_NON_REPUDIATION = 1;

  private final TrustAnchors anchors;
  private final RevocationStore revoked;
  private final CardIds cardIds;
  private final Supplier<Instant> now;
  private final BooleanSupplier synced;

  /** With a clock known to be right (the hub's, a test's). */
  public CardVerifier(TrustAnchors anchors, RevocationStore revoked, CardIds cardIds, Clock clock) {
    this(anchors, revoked, cardIds, clock::instant, () -> true);
  }

  /** With a terminal's clock, whose synced state decides how certificate dates are checked. */
  public CardVerifier(TrustAnchors anchors, RevocationStore revoked, CardIds cardIds, TerminalClock clock) {
    this(anchors, revoked, cardIds, () -> clock.now().wall(), clock::synced);
  }

  private CardVerifier(TrustAnchors anchors, RevocationStore revoked, CardIds cardIds, Supplier<Instant> now, BooleanSupplier synced) {
    this.anchors = anchors;
    this.revoked = revoked;
    this.cardIds = cardIds;
    this.now = now;
    this.synced = synced;
  }

  /** The certificate alone ("card present"): profile, validity, chain, revocation. */
  public CardVerdict checkCertificate(X509Certificate userAuth, X509Certificate ca) {
    String wrongProfile = wrongProfile(userAuth);
    if (wrongProfile != null) return new CardVerdict.Untrusted(wrongProfile);
    Instant clock = now.get();
    boolean clockSynced = synced.getAsBoolean();
    Instant notBefore = userAuth.getNotBefore().toInstant();
    Instant notAfter = userAuth.getNotAfter().toInstant();
    if (clock.isAfter(notAfter)) return new CardVerdict.Expired(notAfter);
    if (clock.isBefore(notBefore) && clockSynced) return new CardVerdict.NotYetValid(notBefore);
    Instant checkedAt = clock.isBefore(notBefore) ? notBefore : clock;
    try {
      // A self-signed CA (J-LIS's, in EF 000B) is trusted only as a configured anchor, never from the card: left out of the path.
      boolean intermediate = ca != null && !ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal());
      var path = CertificateFactory.getInstance("X.509").generateCertPath(intermediate ? List.of(userAuth, ca) : List.of(userAuth));
      PKIXParameters params = new PKIXParameters(anchors.pkix());
      // Revocation is the local store's job: J-LIS's CRL is not reachable from a terminal.
      params.setRevocationEnabled(false);
      params.setDate(Date.from(checkedAt));
      // The path must be valid for the user-authentication policy (CA certificates included).
      params.setInitialPolicies(Set.of(USER_AUTH_POLICY));
      params.setExplicitPolicyRequired(true);
      CertPathValidator.getInstance("PKIX").validate(path, params);
    } catch (CertPathValidatorException e) {
      if (e.getReason() == PKIXReason.INVALID_POLICY) {
        return new CardVerdict.Untrusted("the chain does not carry the JPKI user-authentication policy " + USER_AUTH_POLICY);
      }
      return new CardVerdict.Untrusted(e.getReason() + ": " + e.getMessage());
    } catch (GeneralSecurityException | RuntimeException e) {
      return new CardVerdict.Untrusted(e.getMessage());
    }
    CertificateKey key = CertificateKey.of(userAuth);
    if (revoked.isRevoked(key)) return new CardVerdict.Revoked(cardIds.derive(userAuth));
    return new CardVerdict.Trusted(cardIds.derive(userAuth), key, notAfter, !clockSynced);
  }

  /**
   * Why the certificate is not a user-authentication certificate, or null when it is one: key usage
   * digitalSignature without nonRepudiation, and the user-authentication policy asserted. A signature
   * certificate (署名用: nonRepudiation, the signature policy) is never an identity.
   */
  private static String wrongProfile(X509Certificate c) {
    boolean[] usage = c.getKeyUsage();
    if (usage == null || !usage[KEY_USAGE_DIGITAL_SIGNATURE]) return "key usage lacks digitalSignature: not a user-authentication certificate";
    List<String> policies = policies(c);
    if (policies == null) return "certificatePolicies is malformed";
    boolean signaturePolicy = policies.stream().anyMatch(p -> p.startsWith(SIGNATURE_POLICY_ARC + "."));
    if (signaturePolicy || usage.length > KEY_USAGE_NON_REPUDIATION && usage[KEY_USAGE_NON_REPUDIATION]) {
      return "a signature certificate (署名用) is never accepted as identity; the user-authentication certificate (利用者証明用) is";
    }
    if (!policies.contains(USER_AUTH_POLICY)) return "not the JPKI user-authentication policy " + USER_AUTH_POLICY;
    return null;
  }

  /** The policy OIDs the certificate asserts (none when it has no certificatePolicies), or null when malformed. */
  private static List<String> policies(X509Certificate c) {
    byte[] ext = c.getExtensionValue(Extension.certificatePolicies.getId());
    if (ext == null) return List.of();
    try {
      var parsed = CertificatePolicies.getInstance(ASN1OctetString.getInstance(ext).getOctets());
      return Arrays.stream(parsed.getPolicyInformation()).map(p -> p.getPolicyIdentifier().getId()).toList();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * A tap without a signature, from the certificate's serial, issuer and validity alone: within its
   * validity, issued by a trusted CA by name (the anchors' subjects), not revoked. Nothing here is proven
   * by the card (a copied certificate passes, as it would pass a chain check without a signature);
   * where a signature is made, {@link #checkProof} checks the whole chain.
   */
  public CardVerdict checkUnsigned(X500Principal issuer, BigInteger serial, Instant notBefore, Instant notAfter) {
    Instant clock = now.get();
    boolean clockSynced = synced.getAsBoolean();
    if (clock.isAfter(notAfter)) return new CardVerdict.Expired(notAfter);
    if (clock.isBefore(notBefore) && clockSynced) return new CardVerdict.NotYetValid(notBefore);
    if (anchors.certificates().stream().noneMatch(a -> a.getSubjectX500Principal().equals(issuer))) {
      return new CardVerdict.Untrusted("issuer is not a trusted CA: " + issuer.getName());
    }
    CertificateKey key = CertificateKey.of(issuer, serial);
    CardId cardId = cardIds.derive(issuer, serial);
    if (revoked.isRevoked(key)) return new CardVerdict.Revoked(cardId);
    return new CardVerdict.Trusted(cardId, key, notAfter, !clockSynced);
  }

  /** "The holder is here now": the certificate as above, then the card's signature over {@code challenge}. */
  public CardVerdict checkProof(X509Certificate userAuth, X509Certificate ca, byte[] challenge, byte[] signature) {
    CardVerdict certificate = checkCertificate(userAuth, ca);
    if (!(certificate instanceof CardVerdict.Trusted)) return certificate;
    if (!JpkiSignatures.verify(userAuth.getPublicKey(), challenge, signature)) return new CardVerdict.BadSignature();
    return certificate;
  }
}
