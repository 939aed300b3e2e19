package jp.mynaterm.hub.broker.trust;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;
import jp.mynaterm.hub.pki.Pem;
import jp.mynaterm.hub.pki.TerminalPki;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.io.AtomicFiles;

/**
 * What the embedded broker needs to enforce the terminal trust boundary: a TLS-only listener (TLS 1.3
 * preferred, 1.2 the minimum, AEAD suites only) that requires a client certificate of the city's
 * terminal CA, and the {@link TrustExtension} that decides who a client is and what it may do. There
 * is no plaintext listener.
 */
public final class BrokerTrust {
  /** Offered in this order; TLS 1.2 only with forward-secret AEAD suites for the CA's EC keys. */
  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

  private final TerminalPki pki;
  private final Topics topics;

  private BrokerTrust(TerminalPki pki, Topics topics) {
    this.pki = pki;
    this.topics = topics;
  }

  public static BrokerTrust of(TerminalPki pki, Topics topics) {
    return new BrokerTrust(pki, topics);
  }

  /** The broker's URL for clients. */
  public static String url(String host, int port) {
    return "ssl://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * The listener's XML for HiveMQ's config; writes the key store (the broker's key and chain) and the
   * trust store (the terminal CA alone) into {@code confDir}, owner-only, under a fresh random password
   * each start. Re-signs the CRL first if it is near its next update.
   */
  public String listenerXml(String host, int port, Path confDir) throws IOException {
    pki.refreshCrl(false);
    String password = HexFormat.of().formatHex(random(24));
    Path keyStore = confDir.resolve("broker-keystore.p12");
    Path trustStore = confDir.resolve("terminal-ca-truststore.p12");
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      List<java.security.cert.X509Certificate> chain = Pem.readCertificates(pki.dir().resolve(TerminalPki.BROKER_CERT));
      ks.setKeyEntry("broker", Pem.readPrivateKey(pki.dir().resolve(TerminalPki.BROKER_KEY)), password.toCharArray(), chain.toArray(Certificate[]::new));
      AtomicFiles.write(keyStore, store(ks, password), Pem.OWNER_ONLY);
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      ts.setCertificateEntry("terminal-ca", pki.caCertificate());
      AtomicFiles.write(trustStore, store(ts, password), Pem.OWNER_ONLY);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot build the broker's TLS stores: " + e.getMessage(), e);
    }
    StringBuilder protocols = new StringBuilder();
    PROTOCOLS.forEach(p -> protocols.append("<protocol>").append(p).append("</protocol>"));
    StringBuilder suites = new StringBuilder();
    CIPHER_SUITES.forEach(s -> suites.append("<cipher-suite>").append(s).append("</cipher-suite>"));
    return """
            <tls-tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
              <tls>
                <keystore>
                  <path>%s</path>
                  <password>%s</password>
                  <private-key-password>%s</private-key-password>
                </keystore>
                <truststore>
                  <path>%s</path>
                  <password>%s</password>
                </truststore>
                <client-authentication-mode>REQUIRED</client-authentication-mode>
                <protocols>%s</protocols>
                <cipher-suites>%s</cipher-suites>
              </tls>
            </tls-tcp-listener>
        """
        .formatted(port, host, keyStore, password, password, trustStore, password, protocols, suites);
  }

  /** The extension that authenticates and authorises every client. */
  public EmbeddedExtension extension() {
    return EmbeddedExtension.builder()
        .withId("mynaterm-trust")
        .withName("mynaterm terminal trust")
        .withVersion("1")
        .withPriority(1000)
        .withStartPriority(1000)
        .withExtensionMain(new TrustExtension(pki, topics))
        .build();
  }

  /**
   * Call after building the embedded broker and before starting it: the embedded build sets HiveMQ's
   * "no authenticator → allow everyone" default (a process-wide setting); a broker with trust must
   * refuse a client when no authenticator answers, e.g. if the extension failed to start.
   */
  public void beforeStart() {
    InternalConfigurations.AUTH_DENY_UNAUTHENTICATED_CONNECTIONS.set(true);
  }

  private static byte[] store(KeyStore ks, String password) throws IOException, GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, password.toCharArray());
    return out.toByteArray();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new java.security.SecureRandom().nextBytes(b);
    return b;
  }
}
