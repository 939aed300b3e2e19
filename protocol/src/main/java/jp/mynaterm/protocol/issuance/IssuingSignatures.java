package jp.mynaterm.protocol.issuance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The city's issuing signature as anyone checks it: Ed25519 over the SHA-256 digest (hex) of a
 * certificate document in canonical JSON. The hub signs; a kiosk checks before it prints, and a
 * receiving office can check with the published public key. One definition for both sides.
 */
public final class IssuingSignatures {
  public static final String ALGORITHM = "Ed25519";

  private IssuingSignatures() {}

  /** True only when {@code signatureBase64} is the key's signature over the digest; never throws for bad input. */
  public static boolean verify(PublicKey key, String documentDigestHex, String signatureBase64) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(HexFormat.of().parseHex(documentDigestHex));
      return s.verify(Base64.getDecoder().decode(signatureBase64));
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  /**
   * The public key from a file: DER (SubjectPublicKeyInfo, as the hub writes {@code issuing-key.pub})
   * or PEM ("-----BEGIN PUBLIC KEY-----").
   *
   * @throws IOException naming the file when it is missing or not an Ed25519 public key
   */
  public static PublicKey readPublicKey(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (text.contains("-----BEGIN PUBLIC KEY-----")) {
      String body = text.substring(text.indexOf("-----BEGIN PUBLIC KEY-----") + 26, text.indexOf("-----END PUBLIC KEY-----"));
      try {
        bytes = Base64.getMimeDecoder().decode(body.strip());
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": the PEM block is not base64");
      }
    }
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(bytes));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": not an Ed25519 public key (" + e.getMessage() + ")");
    }
  }
}
