package jp.mynaterm.hardware.card.virtual;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The virtual cards' test PKI, kept in a data directory so that every process using the same
 * directory agrees: a self-signed user-authentication CA, as on a real card (J-LIS's CA certificate
 * in EF 000B is self-signed; it is the trust anchor, also written to {@code trust-anchors.pem}), and one
 * RSA-2048 user-authentication key and certificate per resident, generated on first use. A directory
 * of the older layout (a root above the CA) is moved aside into {@code superseded-*} and made anew. Test material only: keystores use a fixed, published password.
 */
public final class VirtualCardPki {
  private static final char[] PASSWORD = "mynaterm-virtual-card-test-pki".toCharArray();
  private static final String ROOT = "root.p12";
  private static final String CA = "user-auth-ca.p12";
  public static final String TRUST_ANCHORS = "trust-anchors.pem";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final CardMaterial ca;

  private VirtualCardPki(Path dir, CardMaterial ca) {
    this.dir = dir;
    this.ca = ca;
  }

  /** Opens the PKI in {@code dir}, creating it on first use (safe when two processes start together). */
  public static VirtualCardPki openOrCreate(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("cards"));
    try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = lockFile.lock();
      try {
        return createOrLoad(dir);
      } finally {
        lock.release();
      }
    }
  }

  private static VirtualCardPki createOrLoad(Path dir) throws IOException {
    try {
      if (Files.exists(dir.resolve(CA))) {
        CardMaterial ca = load(dir.resolve(CA));
        if (selfSigned(ca.userAuth()) && hasPolicies(ca.userAuth())) return new VirtualCardPki(dir, ca);
        // an older layout: a root above the CA (unlike a real card's), or certificates without the
        // JPKI profile (policies), which verify no card any more
        supersede(dir);
      }
      KeyPair caKeys = newKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("C=JP,O=mynaterm test,OU=JPKI for user authentication,CN=mynaterm Test User Authentication CA");
      X509Certificate caCert = certificate(name, caKeys.getPublic(), name, caKeys.getPrivate(), null,
          now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365 * 20)), Profile.CA);
      CardMaterial ca = new CardMaterial(caCert, caCert, caKeys.getPrivate());
      save(dir.resolve(CA), ca);
      Files.writeString(dir.resolve(TRUST_ANCHORS), pem(caCert), StandardCharsets.US_ASCII);
      return new VirtualCardPki(dir, ca);
    } catch (GeneralSecurityException e) {
      throw new IOException("virtual card PKI in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean selfSigned(X509Certificate c) {
    return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
  }

  /** Moves a PKI of the older layout (and the cards it issued) aside, kept, so a new one can be made. */
  private static void supersede(Path dir) throws IOException {
    Path aside = dir.resolve("superseded-" + System.currentTimeMillis());
    Files.createDirectories(aside);
    for (String name : new String[] {ROOT, CA, TRUST_ANCHORS, "cards"}) {
      if (Files.exists(dir.resolve(name))) Files.move(dir.resolve(name), aside.resolve(name));
    }
    Files.createDirectories(dir.resolve("cards"));
  }

  /** The resident's card material, issued on first use and kept. */
  public synchronized CardMaterial cardFor(Resident resident) throws IOException {
    Path file = dir.resolve("cards").resolve(resident.id() + ".p12");
    try {
      if (Files.exists(file)) return load(file);
      Instant now = Instant.now();
      CardMaterial card = issue(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365 * 5)));
      save(file, card);
      return card;
    } catch (GeneralSecurityException e) {
      throw new IOException("card for resident " + resident.id() + ": " + e.getMessage(), e);
    }
  }

  /**
   * A new user-auth certificate and key, not kept (tests: expired certificates, revoked ones). The
   * subject is an opaque id, as on real cards: the user-auth certificate carries no name.
   */
  public CardMaterial issue(Instant notBefore, Instant notAfter) throws GeneralSecurityException {
    return issue(notBefore, notAfter, Profile.USER_AUTHENTICATION);
  }

  /**
   * A signature certificate (署名用) under the same CA, not kept: what a card also holds, and what
   * must never be accepted as identity (key usage nonRepudiation, the JPKI signature policy).
   */
  public CardMaterial issueSignatureCertificate(Instant notBefore, Instant notAfter) throws GeneralSecurityException {
    return issue(notBefore, notAfter, Profile.SIGNATURE);
  }

  private CardMaterial issue(Instant notBefore, Instant notAfter, Profile profile) throws GeneralSecurityException {
    KeyPair keys = newKeyPair();
    byte[] id = new byte[10];
    RANDOM.nextBytes(id);
    X509Certificate cert = certificate(
        new X500Name("C=JP,CN=" + java.util.HexFormat.of().withUpperCase().formatHex(id)), keys.getPublic(),
        X500Name.getInstance(ca.userAuth().getSubjectX500Principal().getEncoded()), ca.key(), ca.userAuth(), notBefore, notAfter, profile);
    return new CardMaterial(cert, ca.userAuth(), keys.getPrivate());
  }

  /** A CRL from the user-auth CA revoking {@code serials}. */
  public X509CRL crl(Collection<BigInteger> serials) throws GeneralSecurityException {
    Date now = new Date();
    X509v2CRLBuilder b = new JcaX509v2CRLBuilder(ca.userAuth(), now);
    b.setNextUpdate(Date.from(now.toInstant().plus(Duration.ofDays(1))));
    for (BigInteger s : serials) b.addCRLEntry(s, now, CRLReason.keyCompromise);
    try {
      return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.key())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** The trust anchor: the self-signed user-authentication CA, as J-LIS's is (the same as {@link #caCertificate}). */
  public X509Certificate rootCertificate() {
    return ca.userAuth();
  }

  public X509Certificate caCertificate() {
    return ca.userAuth();
  }

  /** The trust anchor (the self-signed CA) in PEM, for {@code card auth --trust}. */
  public Path trustAnchorsFile() {
    return dir.resolve(TRUST_ANCHORS);
  }

  /** A key to sign the text AP's digest file with (the AP's own key on a real card). */
  PrivateKey textApSigningKey() {
    return ca.key();
  }

  public Path directory() {
    return dir;
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048, RANDOM);
    return g.generateKeyPair();
  }

  private static X509Certificate certificate(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
      X509Certificate issuerCert, Instant notBefore, Instant notAfter, Profile profile) throws GeneralSecurityException {
    try {
      BigInteger serial = new BigInteger(63, RANDOM).setBit(56); // positive, fits a long, 15-16 hex digits
      var b = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
      if (issuerCert != null) b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
      switch (profile) {
        case CA -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
          b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(ANY_POLICY))));
        }
        case USER_AUTHENTICATION -> {
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(USER_AUTH_POLICY))));
        }
        case SIGNATURE -> {
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
          b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(SIGNATURE_POLICY))));
        }
      }
      return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    } catch (OperatorCreationException | IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** The JPKI profiles the test PKI issues. */
  private enum Profile {
    CA,
    USER_AUTHENTICATION,
    SIGNATURE
  }

  /** JPKI user authentication (利用者証明用), class 30: {@code CardVerifier.USER_AUTH_POLICY}. */
  private static final String USER_AUTH_POLICY = jp.mynaterm.protocol.card.CardVerifier.USER_AUTH_POLICY;

  /** anyPolicy (RFC 5280): a CA certificate passes every policy on to the certificates under it. */
  private static final String ANY_POLICY = "2.5.29.32.0";

  /** JPKI signature (署名用), class 20. */
  private static final String SIGNATURE_POLICY = "1.2.392.200149.8.5.1.1.20";

  private static boolean hasPolicies(X509Certificate ca) {
    return ca.getExtensionValue(Extension.certificatePolicies.getId()) != null;
  }

  private static void save(Path file, CardMaterial m) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    boolean selfSigned = m.userAuth().equals(m.ca());
    ks.setKeyEntry("card", m.key(), PASSWORD, selfSigned
        ? new java.security.cert.Certificate[] {m.userAuth()}
        : new java.security.cert.Certificate[] {m.userAuth(), m.ca()});
    var bytes = new java.io.ByteArrayOutputStream();
    ks.store(bytes, PASSWORD);
    jp.mynaterm.protocol.io.AtomicFiles.write(file, bytes.toByteArray());
  }

  private static CardMaterial load(Path file) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD);
    }
    var chain = ks.getCertificateChain("card");
    if (chain == null || chain.length < 1) throw new IOException(file + ": not a virtual card keystore");
    return new CardMaterial((X509Certificate) chain[0], (X509Certificate) chain[chain.length > 1 ? 1 : 0], (PrivateKey) ks.getKey("card", PASSWORD));
  }

  static String pem(X509Certificate c) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
