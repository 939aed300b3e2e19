package jp.mynaterm.agent.members;

import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-GCM-SIV (RFC 8452) from BouncyCastle, for {@link MemberSeal}, kept apart from it so that a
 * terminal whose services are not sealed (a taxi: {@link MemberSeal#NONE}) does not load BouncyCastle
 * to start: its jar is signed, and opening it means verifying the signature and holding its manifest's
 * digest of every class (some 6,000 entries), a tenth of a taxi's start and 2 MiB of its heap (it is
 * loaded later all the same, at the first card read, for the certificate's ASN.1).
 */
final class AesGcmSiv {
  private AesGcmSiv() {}

  static byte[] seal(byte[] key, byte[] nonce, byte[] associated, byte[] plain) {
    GCMSIVBlockCipher c = cipher(true, key, nonce, associated);
    c.processBytes(plain, 0, plain.length, null, 0);
    byte[] out = new byte[c.getOutputSize(0)];
    try {
      c.doFinal(out, 0);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("AES-GCM-SIV sealing failed", e);
    }
    return out;
  }

  /** The plain text, or empty when {@code sealed} was not sealed with this key, nonce and associated data. */
  static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] associated, byte[] sealed) {
    try {
      GCMSIVBlockCipher c = cipher(false, key, nonce, associated);
      c.processBytes(sealed, 0, sealed.length, null, 0);
      byte[] out = new byte[c.getOutputSize(0)];
      int n = c.doFinal(out, 0);
      return Optional.of(java.util.Arrays.copyOf(out, n));
    } catch (IllegalArgumentException | InvalidCipherTextException e) {
      return Optional.empty(); // too short to hold a tag, or not authentic
    }
  }

  private static GCMSIVBlockCipher cipher(boolean encrypt, byte[] key, byte[] nonce, byte[] associated) {
    GCMSIVBlockCipher c = new GCMSIVBlockCipher(AESEngine.newInstance());
    c.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, associated));
    return c;
  }
}
