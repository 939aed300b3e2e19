package jp.mynaterm.protocol.card;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The user-authentication signature of a My Number card. The card is given a SHA-256 DigestInfo built
 * on the host and applies PKCS#1 v1.5 padding itself, so its answer is exactly an RSA
 * "SHA256withRSA" signature over the challenge and any standard verifier checks it.
 */
public final class JpkiSignatures {
  /** DER prefix of DigestInfo { AlgorithmIdentifier sha256, NULL }, followed by the 32-byte digest. */
  private static final byte[] SHA256_DIGEST_INFO_PREFIX = {
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
    0x05, 0x00, 0x04, 0x20
  };

  private JpkiSignatures() {}

  /** The DigestInfo the card signs for {@code challenge}: what goes into {@code 80 2A 00 80}. */
  public static byte[] sha256DigestInfo(byte[] challenge) {
    byte[] digest = sha256(challenge);
    byte[] out = new byte[SHA256_DIGEST_INFO_PREFIX.length + digest.length];
    System.arraycopy(SHA256_DIGEST_INFO_PREFIX, 0, out, 0, SHA256_DIGEST_INFO_PREFIX.length);
    System.arraycopy(digest, 0, out, SHA256_DIGEST_INFO_PREFIX.length, digest.length);
    return out;
  }

  /** True when {@code signature} is the card's signature over {@code challenge} with {@code key}. */
  public static boolean verify(PublicKey key, byte[] challenge, byte[] signature) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update(challenge);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      // A wrong key type, a truncated or garbage signature: all mean "not verified", never a crash.
      return false;
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
