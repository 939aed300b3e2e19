package jp.mynaterm.hub.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jp.mynaterm.protocol.io.AtomicFiles;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The PKI's files, in PEM (what OpenSSL, Mosquitto and an administrator's eyes read), and its keys:
 * EC P-256. Why P-256: a 32-byte key and 64-byte signatures keep certificates and TLS handshakes small
 * on a Raspberry Pi and a mobile link, key generation takes milliseconds on the device, it is as
 * strong as RSA-3072, and every party here speaks it (JDK TLS 1.2/1.3, OpenSSL under Mosquitto,
 * BouncyCastle). Private keys are written owner-only from the moment their file exists.
 */
public final class Pem {
  public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final SecureRandom RANDOM = new SecureRandom();

  private Pem() {}

  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no EC P-256", e);
    }
  }

  public static String text(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      for (Object o : objects) w.writeObject(o);
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  public static void writePublic(Path file, Object... objects) throws IOException {
    AtomicFiles.write(file, text(objects).getBytes(StandardCharsets.US_ASCII));
  }

  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    try {
      // PKCS#8 ("PRIVATE KEY"), which OpenSSL, Mosquitto and the JDK all read
      AtomicFiles.write(file, text(new JcaPKCS8Generator(key, null)).getBytes(StandardCharsets.US_ASCII), OWNER_ONLY);
    } catch (org.bouncycastle.openssl.PEMException e) {
      throw new IOException("cannot encode the private key: " + e.getMessage(), e);
    }
  }

  public static PrivateKey readPrivateKey(Path file) throws IOException {
    Object o = first(file);
    if (o instanceof org.bouncycastle.openssl.PEMKeyPair pair) return new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
    if (o instanceof PrivateKeyInfo info) return new JcaPEMKeyConverter().getPrivateKey(info);
    throw new IOException(file + " holds no private key");
  }

  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    return certificates(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
  }

  public static X509Certificate readCertificate(Path file) throws IOException {
    List<X509Certificate> all = readCertificates(file);
    if (all.isEmpty()) throw new IOException(file + " holds no certificate");
    return all.get(0);
  }

  public static List<X509Certificate> certificates(String pem, String source) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      for (Object o = p.readObject(); o != null; o = p.readObject()) {
        if (o instanceof X509CertificateHolder h) out.add(new JcaX509CertificateConverter().getCertificate(h));
      }
    } catch (CertificateException e) {
      throw new IOException(source + ": not a certificate: " + e.getMessage(), e);
    }
    return out;
  }

  public static X509CRL readCrl(Path file) throws IOException {
    if (!(first(file) instanceof X509CRLHolder h)) throw new IOException(file + " holds no CRL");
    try {
      return new JcaX509CRLConverter().getCRL(h);
    } catch (java.security.cert.CRLException e) {
      throw new IOException(file + ": not a CRL: " + e.getMessage(), e);
    }
  }

  /** A certificate request in PEM; anything else is a clear error naming the source. */
  public static PKCS10CertificationRequest csr(String pem, String source) throws IOException {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      if (p.readObject() instanceof PKCS10CertificationRequest r) return r;
    } catch (IOException | RuntimeException e) {
      throw new IOException(source + ": not a PEM certificate request (" + e.getMessage() + ")", e);
    }
    throw new IOException(source + ": not a PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----)");
  }

  private static Object first(Path file) throws IOException {
    try (PEMParser p = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
      return p.readObject();
    }
  }
}
