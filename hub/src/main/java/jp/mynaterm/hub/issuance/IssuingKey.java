package jp.mynaterm.hub.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import jp.mynaterm.config.ConfigException;
import jp.mynaterm.protocol.io.AtomicFiles;
import jp.mynaterm.protocol.issuance.SignedPaper;
import jp.mynaterm.protocol.issuance.IssuingSignatures;

/**
 * The city's issuing key: it signs the digest of every certificate document the hub grants, so a
 * kiosk prints only what the hub signed and anyone with the public key can check a document.
 * Ed25519 (in the JDK, small signatures). Kept as {@code issuing-key.p8} (owner-only) and
 * {@code issuing-key.pub} in the hub's data directory, made by {@code ./mynaterm pki init} (or on a
 * development hub's first start): a hub outside development mode never makes one by itself, since
 * every kiosk and every printed certificate's QR code depend on it staying the same.
 * It also seals the fields a printed QR code carries ({@link SignedPaper}).
 */
public final class IssuingKey {
  private static final String ALG = IssuingSignatures.ALGORITHM;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private IssuingKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  public static final String PRIVATE_FILE = "issuing-key.p8";
  public static final String PUBLIC_FILE = "issuing-key.pub";

  /** Whether {@code dataDir} holds an issuing key. */
  public static boolean present(Path dataDir) {
    return Files.exists(dataDir.resolve(PRIVATE_FILE)) && Files.exists(dataDir.resolve(PUBLIC_FILE));
  }

  /**
   * The key in {@code dataDir}; made there only when {@code create} (development mode, {@code pki init}).
   *
   * @throws ConfigException naming {@code hub.dataDir} and how to make one, when it is missing and not to be made
   */
  public static IssuingKey load(Path dataDir, boolean create) throws IOException {
    if (!create && !present(dataDir)) {
      throw new ConfigException(dataDir.resolve(PRIVATE_FILE).toAbsolutePath().toString(), "hub.dataDir",
          "no issuing key (run ./mynaterm pki init, or restore issuing-key.p8 and issuing-key.pub from the backup; kiosks and printed certificates depend on it)");
    }
    return loadOrCreate(dataDir);
  }

  public static IssuingKey loadOrCreate(Path dataDir) throws IOException {
    Path priv = dataDir.resolve(PRIVATE_FILE);
    Path pub = dataDir.resolve(PUBLIC_FILE);
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

  /**
   * Adds {@code qr}, the printed QR code's text, to a built document: its verify URL for a phone, with
   * the JWS of its fields ({@link CertificateDocuments#paperFields}) as the fragment for offline checks.
   * A document with a code per copy gets one per copy, in each of its {@code papers}, signing that
   * copy's code and number; the document's own is the first copy's. Done before the document's digest
   * is taken, so the issuance signature covers them too.
   */
  public ObjectNode sealInto(ObjectNode document) {
    JsonNode papers = document.path("papers");
    if (papers.isEmpty()) return document.put("qr", document.path("verifyUrl").asText() + "#" + sealPaper(CertificateDocuments.paperFields(document)));
    for (JsonNode paper : papers) {
      ((ObjectNode) paper).put("qr", paper.path("verifyUrl").asText() + "#" + sealPaper(CertificateDocuments.paperFields(document, paper)));
    }
    return document.put("qr", papers.get(0).path("qr").asText());
  }

  /** The compact JWS of a printed certificate's fields, for its QR code ({@link SignedPaper}). */
  public String sealPaper(JsonNode fields) {
    return SignedPaper.seal(fields, publicKey, input -> {
      try {
        Signature s = Signature.getInstance(ALG);
        s.initSign(privateKey);
        s.update(input);
        return s.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Ed25519 signing failed", e);
      }
    });
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
