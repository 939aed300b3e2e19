package jp.mynaterm.protocol.card;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.x500.X500Principal;
import org.apache.commons.codec.binary.Base32;

/**
 * Derives {@link CardId}s, the same on every terminal and the hub:
 *
 * <pre>
 * CardId = first 26 characters of base32( HMAC-SHA256( municipality key, issuer ‖ serial ) )
 *   issuer = the DER encoding of the certificate's issuer name
 *   serial = the content octets of the DER INTEGER serial number (two's complement, minimal)
 * </pre>
 *
 * The key is the municipality's secret: without it a CardId cannot be linked back to a certificate,
 * and another city's CardIds for the same card differ. The id changes when the certificate is
 * renewed (about every 5 years), after which the card is linked again.
 */
public final class CardIds {
  private static final String HMAC = "HmacSHA256";
  private final SecretKeySpec key;

  public CardIds(byte[] municipalityKey) {
    if (municipalityKey == null || municipalityKey.length < 16) {
      throw new IllegalArgumentException("the CardId key must be at least 16 bytes");
    }
    this.key = new SecretKeySpec(municipalityKey.clone(), HMAC);
  }

  /** The key from configuration text: hex (32+ digits) or base64. */
  public static CardIds fromKeyText(String text) {
    String t = text.trim();
    byte[] bytes;
    if (t.matches("(?i)[0-9a-f]{32,}") && t.length() % 2 == 0) {
      bytes = java.util.HexFormat.of().parseHex(t);
    } else {
      try {
        bytes = java.util.Base64.getDecoder().decode(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the CardId key must be hex or base64");
      }
    }
    return new CardIds(bytes);
  }

  /**
   * A fixed key for development, tests and the demo, so that every process on one machine agrees.
   * Never for production: anyone can read it here.
   */
  public static CardIds development() {
    return new CardIds("mynaterm-development-cardid-key-not-for-production".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  public CardId derive(X509Certificate userAuthCertificate) {
    return derive(userAuthCertificate.getIssuerX500Principal(), userAuthCertificate.getSerialNumber());
  }

  public CardId derive(X500Principal issuer, BigInteger serial) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      mac.update(issuer.getEncoded());
      mac.update(serial.toByteArray());
      String b32 = new Base32().encodeToString(mac.doFinal());
      return new CardId(b32.substring(0, 26));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
    }
  }
}
