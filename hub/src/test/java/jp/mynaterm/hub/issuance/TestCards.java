package jp.mynaterm.hub.issuance;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.ResponseBody;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test PKI standing in for J-LIS (a root, a user-authentication CA under it, cards' certificates
 * with the JPKI profile) and a kiosk's side of an issuance: the challenge, the card's signature over
 * it after the PIN, the request. Made once per test class (RSA keys take time).
 */
final class TestCards {
  /** One card: its user-authentication certificate and private key. */
  record Card(X509Certificate userAuth, PrivateKey key) {}

  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
  private final KeyPairGenerator rsa;
  private final X509Certificate root;
  private final X509Certificate ca;
  private final PrivateKey caKey;

  TestCards() throws Exception {
    rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair rootKey = rsa.generateKeyPair();
    KeyPair caPair = rsa.generateKeyPair();
    root = certificate("CN=Test Root", rootKey, "CN=Test Root", rootKey.getPrivate(), true);
    ca = certificate("CN=Test User Auth CA", caPair, "CN=Test Root", rootKey.getPrivate(), true);
    caKey = caPair.getPrivate();
  }

  /** A new card: a user-authentication certificate with a serial of its own (a renewal is a new card here). */
  Card card() throws Exception {
    KeyPair key = rsa.generateKeyPair();
    return new Card(certificate("CN=Test Card", key, "CN=Test User Auth CA", caKey, false), key.getPrivate());
  }

  X509Certificate ca() {
    return ca;
  }

  /** The trust anchor as the hub reads it ({@code issuance.trustAnchors}). */
  Path writeAnchors(Path file) throws Exception {
    Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(root.getEncoded()) + "\n-----END CERTIFICATE-----\n");
    return file;
  }

  /** What the kiosk does: a challenge, the card's signature over it after the PIN, the request. */
  ResponseBody ask(IssuanceService hub, Card card, String type, Map<String, String> options) throws Exception {
    return ask(hub, card, type, options, 1);
  }

  ResponseBody ask(IssuanceService hub, Card card, String type, Map<String, String> options, int copies) throws Exception {
    var challenge = assertInstanceOf(ResponseBody.ChallengeIssued.class, hub.handle("kiosk-1", new RequestBody.Challenge("issuance")));
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(card.key());
    signer.update(Base64.getDecoder().decode(challenge.challenge()));
    var b64 = Base64.getEncoder();
    return hub.handle(
        "kiosk-1",
        new RequestBody.Issuance(
            type, options, copies, b64.encodeToString(card.userAuth().getEncoded()), b64.encodeToString(ca.getEncoded()), challenge.challenge(),
            b64.encodeToString(signer.sign())));
  }

  private static X509Certificate certificate(String subject, KeyPair subjectKey, String issuer, PrivateKey issuerKey, boolean isCa) throws Exception {
    Instant now = Instant.now();
    var builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer), BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(60))),
            new X500Name(subject), subjectKey.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    // The JPKI profile: the CA passes every policy on (anyPolicy), the card asserts user authentication.
    String policy = isCa ? "2.5.29.32.0" : jp.mynaterm.protocol.card.CardVerifier.USER_AUTH_POLICY;
    builder.addExtension(Extension.certificatePolicies, false,
        new org.bouncycastle.asn1.x509.CertificatePolicies(new org.bouncycastle.asn1.x509.PolicyInformation(new org.bouncycastle.asn1.ASN1ObjectIdentifier(policy))));
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
  }
}
