package jp.mynaterm.protocol.card;

import static org.junit.jupiter.api.Assertions.*;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import org.junit.jupiter.api.Test;

class JpkiSignaturesTest {
  @Test
  void theCardsPaddingOfOurDigestInfoIsAStandardSha256WithRsaSignature() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair keys = g.generateKeyPair();
    byte[] challenge = "challenge from the hub".getBytes();
    // What the card does: PKCS#1 v1.5 type 1 padding around exactly the DigestInfo it is given.
    Signature raw = Signature.getInstance("NONEwithRSA");
    raw.initSign(keys.getPrivate());
    raw.update(JpkiSignatures.sha256DigestInfo(challenge));
    byte[] signature = raw.sign();
    assertTrue(JpkiSignatures.verify(keys.getPublic(), challenge, signature));
    assertFalse(JpkiSignatures.verify(keys.getPublic(), "another challenge".getBytes(), signature));
    assertFalse(JpkiSignatures.verify(keys.getPublic(), challenge, new byte[3]));
    assertEquals(51, JpkiSignatures.sha256DigestInfo(challenge).length);
  }
}
