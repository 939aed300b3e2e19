package jp.mynaterm.protocol.card;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * The CA's certificate revocation list, read the one way the project reads it: DER or PEM, its
 * signature checked against a CA certificate whose name is the CRL's issuer (never taken unchecked),
 * its entries keyed by issuer and serial.
 */
public final class Crls {
  private Crls() {}

  /** True when {@code bytes} look like a CRL (DER SEQUENCE with a long length, or PEM) rather than a text list. */
  public static boolean looksLikeCrl(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII);
    // DER: a SEQUENCE with a long-form length (any signed CRL is over 127 bytes); text never has that.
    boolean der = bytes.length > 2 && bytes[0] == 0x30 && (bytes[1] & 0xFF) >= 0x81 && (bytes[1] & 0xFF) <= 0x84;
    return der || head.stripLeading().startsWith("-----BEGIN X509 CRL");
  }

  /** @throws CRLException when {@code bytes} are not a DER or PEM CRL */
  public static X509CRL parse(byte[] bytes) throws CRLException {
    try {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
    } catch (java.security.cert.CertificateException e) {
      throw new CRLException(e.getMessage(), e);
    }
  }

  /**
   * The certificate among {@code issuers} that signed {@code crl}.
   *
   * @throws GeneralSecurityException naming the CRL's issuer when none of them did
   */
  public static X509Certificate signer(X509CRL crl, Collection<X509Certificate> issuers) throws GeneralSecurityException {
    X500Principal name = crl.getIssuerX500Principal();
    String failure = "no trusted CA is named " + name;
    for (X509Certificate ca : issuers == null ? List.<X509Certificate>of() : issuers) {
      if (!ca.getSubjectX500Principal().equals(name)) continue;
      try {
        crl.verify(ca.getPublicKey());
        return ca;
      } catch (GeneralSecurityException e) {
        failure = "the signature does not verify with the CA " + name + " (" + e.getMessage() + ")";
      }
    }
    throw new GeneralSecurityException("CRL of " + name + ": " + failure);
  }

  /**
   * The CRL's revoked certificates, after its signature verifies with one of {@code issuers}.
   *
   * @throws GeneralSecurityException when none of them signed it
   */
  public static List<CertificateKey> verifiedEntries(X509CRL crl, Collection<X509Certificate> issuers) throws GeneralSecurityException {
    signer(crl, issuers);
    return entries(crl);
  }

  private static List<CertificateKey> entries(X509CRL crl) {
    Set<? extends X509CRLEntry> revoked = crl.getRevokedCertificates();
    List<CertificateKey> out = new ArrayList<>(revoked == null ? 0 : revoked.size());
    if (revoked == null) return out;
    for (X509CRLEntry e : revoked) {
      // An indirect CRL names another issuer per entry; a plain one's entries are the CRL issuer's.
      X500Principal issuer = e.getCertificateIssuer() != null ? e.getCertificateIssuer() : crl.getIssuerX500Principal();
      out.add(CertificateKey.of(issuer, e.getSerialNumber()));
    }
    return out;
  }

  /** When the CA promised the next CRL; a CRL past it may miss revocations made since. */
  public static Optional<Instant> nextUpdate(X509CRL crl) {
    return Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant);
  }

  /** True when {@code now} is past the CRL's nextUpdate. */
  public static boolean stale(X509CRL crl, Instant now) {
    return nextUpdate(crl).map(now::isAfter).orElse(false);
  }
}
