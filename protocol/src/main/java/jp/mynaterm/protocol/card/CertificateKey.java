package jp.mynaterm.protocol.card;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate as the revocation list knows it: its issuer and its serial. A serial is unique only
 * within one issuer (J-LIS has had several user-authentication CAs), so neither alone names a
 * certificate. On the wire and in stored lists it is one text, {@code <issuer>/<serial>}:
 *
 * <pre>
 *   issuer = first 8 bytes of SHA-256(DER of the issuer name), 16 lowercase hex digits
 *   serial = lowercase hex of the positive serial ({@link Serials})
 * </pre>
 *
 * A bare serial (the form before issuers were keyed) means that serial of {@linkplain #ANY_ISSUER any
 * issuer}: lists written before are read the same as before, and never revoke less.
 *
 * <p>{@link #toString()} never shows the serial: logs name cards by CardId only.
 */
public record CertificateKey(String issuer, BigInteger serial) {
  /** The issuer of an entry written without one. */
  public static final String ANY_ISSUER = "*";

  private static final Pattern ISSUER = Pattern.compile("[0-9a-f]{16}");

  public CertificateKey {
    if (issuer == null || !(issuer.equals(ANY_ISSUER) || ISSUER.matcher(issuer).matches())) {
      throw new IllegalArgumentException("not an issuer key (16 lowercase hex digits): '" + issuer + "'");
    }
    if (serial == null || serial.signum() < 0) throw new IllegalArgumentException("a certificate serial is positive");
  }

  public static CertificateKey of(X509Certificate certificate) {
    return of(certificate.getIssuerX500Principal(), certificate.getSerialNumber());
  }

  public static CertificateKey of(X500Principal issuer, BigInteger serial) {
    return new CertificateKey(issuerKey(issuer), serial);
  }

  /** The 16-hex-digit key of an issuer name. */
  public static String issuerKey(X500Principal issuer) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(issuer.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Parses the wire text {@code <issuer>/<serial>}, or a bare serial (any issuer).
   *
   * @throws IllegalArgumentException quoting the text when it is neither
   */
  public static CertificateKey parse(String text) {
    if (text == null) throw new IllegalArgumentException("a revocation entry is missing (null)");
    int slash = text.indexOf('/');
    if (slash < 0) return new CertificateKey(ANY_ISSUER, Serials.parseHex(text));
    String issuer = text.substring(0, slash).strip();
    if (!ISSUER.matcher(issuer).matches()) throw new IllegalArgumentException("not a revocation entry (issuer/serial): '" + text + "'");
    return new CertificateKey(issuer, Serials.parseHex(text.substring(slash + 1)));
  }

  /** The wire text. */
  public String entry() {
    String hex = Serials.toHex(serial);
    return issuer.equals(ANY_ISSUER) ? hex : issuer + "/" + hex;
  }

  @Override
  public String toString() {
    return "certificate of issuer " + issuer;
  }
}
