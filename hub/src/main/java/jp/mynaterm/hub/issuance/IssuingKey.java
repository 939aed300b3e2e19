package jp.mynaterm.hub.issuance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import jp.mynaterm.protocol.io.AtomicFiles;
import jp.mynaterm.protocol.issuance.IssuingSignatures;

/**
 * The city's issuing key: it signs the digest of every certificate document the hub grants, so a
 * kiosk prints only what the hub signed and anyone with the public key can check a document.
 * Ed25519 (in the JDK, small signatures). Kept as {@code issuing-key.p8} (owner-only) and
 * {@code issuing-key.pub} in the hub's data directory, created on first use.
 */
public final class IssuingKey {
  private static final String ALG = IssuingSignatures.ALGORITHM;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private IssuingKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  public static IssuingKey loadOrCreate(Path dataDir) throws IOException {
    Path priv = dataDir.resolve("issuing-key.p8");
    Path pub = dataDir.resolve("issuing-key.pub");
    try {
      KeyFactory kf = KeyFactory.getInstance(ALG);
      if (Files.exists(priv) && Files.exists(pub)) {
        return new IssuingKey(
            kf.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv))),
            kf.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub))));
      }
      KeyPair kp = KeyPairGenerator.getInstance(ALG).generateKeyPair();
      AtomicFiles.write(priv, kp.getPrivate().getEncoded(), PosixFilePermissions.fromString("rw-------"));
      AtomicFiles.write(pub, kp.getPublic().getEncoded());
      return new IssuingKey(kp.getPrivate(), kp.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IOException("issuing key in " + dataDir + " is unusable: " + e.getMessage(), e);
    }
  }

  /** The signature over SHA-256 of the canonical document, base64. */
  public String sign(String documentDigestHex) {
    try {
      Signature s = Signature.getInstance(ALG);
      s.initSign(privateKey);
      s.update(HexFormat.of().parseHex(documentDigestHex));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  public boolean verify(String documentDigestHex, String signatureBase64) {
    return verify(publicKey, documentDigestHex, signatureBase64);
  }

  /** Checks a signature with a public key alone, as a kiosk or a receiving office would. */
  public static boolean verify(PublicKey key, String documentDigestHex, String signatureBase64) {
    return IssuingSignatures.verify(key, documentDigestHex, signatureBase64);
  }

  public PublicKey publicKey() {
    return publicKey;
  }


}
