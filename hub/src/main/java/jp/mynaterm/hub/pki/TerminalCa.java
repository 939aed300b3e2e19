package jp.mynaterm.hub.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The city's CA for terminals (and the hub's broker and MQTT client), separate from the card trust
 * anchors: it vouches for devices, never for residents. Its key is {@code ca.key} (owner-only) and its
 * certificate {@code ca.pem} in the PKI directory. Terminal certificates name the terminal in the CN
 * and carry nothing else about it: the role lives in the hub's registry (see {@link TerminalRegistry}).
 */
public final class TerminalCa {
  static final String KEY = "ca.key";
  static final String CERT = "ca.pem";
  private static final Duration CA_VALIDITY = Duration.ofDays(3653);
  private static final String SIGNATURE = "SHA256withECDSA";

  private final PrivateKey key;
  private final X509Certificate certificate;

  private TerminalCa(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  static boolean exists(Path dir) {
    return Files.exists(dir.resolve(KEY)) || Files.exists(dir.resolve(CERT));
  }

  static TerminalCa create(Path dir, String municipality, Instant now) throws IOException {
    KeyPair kp = Pem.newKeyPair();
    X500Name name = name("mynaterm terminal CA " + municipality, municipality);
    try {
      var b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), name, kp.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
      X509Certificate cert = sign(b, kp.getPrivate());
      Pem.writePrivateKey(dir.resolve(KEY), kp.getPrivate());
      Pem.writePublic(dir.resolve(CERT), cert);
      return new TerminalCa(kp.getPrivate(), cert);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot create the terminal CA: " + e.getMessage(), e);
    }
  }

  static TerminalCa load(Path dir) throws IOException {
    return new TerminalCa(Pem.readPrivateKey(dir.resolve(KEY)), Pem.readCertificate(dir.resolve(CERT)));
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** A client certificate naming {@code cn}: a terminal's, or the hub's own MQTT identity. */
  X509Certificate issueClient(PublicKey subjectKey, String cn, Instant now, Duration validity) throws IOException {
    return issue(subjectKey, cn, now, validity, KeyPurposeId.id_kp_clientAuth, null);
  }

  /** The broker's server certificate, valid for the given host names and addresses. */
  X509Certificate issueServer(PublicKey subjectKey, List<String> hosts, Instant now, Duration validity) throws IOException {
    GeneralName[] names =
        hosts.stream()
            .map(h -> new GeneralName(h.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName, h))
            .toArray(GeneralName[]::new);
    return issue(subjectKey, "mynaterm broker", now, validity, KeyPurposeId.id_kp_serverAuth, new GeneralNames(names));
  }

  private X509Certificate issue(PublicKey subjectKey, String cn, Instant now, Duration validity, KeyPurposeId purpose, GeneralNames san)
      throws IOException {
    try {
      var b =
          new JcaX509v3CertificateBuilder(
              certificate, serial(), Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), name(cn, municipality()), subjectKey);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
      if (san != null) b.addExtension(Extension.subjectAlternativeName, false, san);
      return sign(b, key);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot issue a certificate for " + cn + ": " + e.getMessage(), e);
    }
  }

  /** The CRL of the given serials, valid until {@code nextUpdate}. */
  X509CRL crl(Collection<BigInteger> revoked, Instant now, Instant nextUpdate) throws IOException {
    try {
      var b = new JcaX509v2CRLBuilder(certificate, Date.from(now));
      b.setNextUpdate(Date.from(nextUpdate));
      for (BigInteger s : revoked) b.addCRLEntry(s, Date.from(now), CRLReason.cessationOfOperation);
      b.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
      b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
      return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot sign the CRL: " + e.getMessage(), e);
    }
  }

  /** The CN of a certificate's subject; empty text if it has none. */
  public static String commonName(X509Certificate cert) {
    var rdns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
    return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }

  String municipality() {
    var rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.L);
    return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }

  private static X500Name name(String cn, String municipality) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "mynaterm").addRDN(BCStyle.L, municipality).addRDN(BCStyle.CN, cn).build();
  }

  /** 127 random bits: unpredictable, positive, within the 20 octets RFC 5280 allows. */
  private static BigInteger serial() {
    return new BigInteger(127, Pem.RANDOM).setBit(126);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
