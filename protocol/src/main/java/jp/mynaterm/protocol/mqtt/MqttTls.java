package jp.mynaterm.protocol.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client's TLS identity for the broker: its own key and certificate chain (PEM, as {@code ./mynaterm
 * pki request|issue} leave them) and the city's terminal CA, the only trust anchor — the broker must
 * show a certificate of that CA naming the host the client dialled (the same check as HTTPS).
 *
 * @param key the client's private key, PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----})
 * @param certificate the client's certificate, optionally followed by the CA's
 * @param ca the terminal CA's certificate
 * @param cipherSuites the only suites offered, in order; null for the JDK's own (see {@link #chaCha20})
 */
public record MqttTls(Path key, Path certificate, Path ca, List<String> cipherSuites) {
  /** TLS 1.3 preferred, 1.2 the minimum, as the broker's listener offers. */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  /** ChaCha20-Poly1305 for TLS 1.3 and, with the CA's EC keys (or RSA ones), TLS 1.2. */
  static final List<String> CHACHA20 =
      List.of("TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  public MqttTls {
    if (key == null || certificate == null || ca == null) throw new IllegalArgumentException("key, certificate and CA are all needed");
    if (cipherSuites != null) cipherSuites = List.copyOf(cipherSuites);
  }

  /** The JDK's suites (AES-GCM first): for the hub, whose JVM compiles AES-GCM to the CPU's AES instructions. */
  public MqttTls(Path key, Path certificate, Path ca) {
    this(key, certificate, ca, null);
  }

  /**
   * The same identity offering only ChaCha20-Poly1305: what a terminal uses. A Raspberry Pi 4 has no
   * AES instructions, and the agent's JVM compiles with C1 only (config/jvm/agent.options), which has
   * no AES-GCM intrinsic either: AES-GCM then runs as plain Java at about 25 MB/s, ChaCha20-Poly1305 at
   * about 120 MB/s (JDK 25, measured on the build machine). The broker chooses by its own order, so
   * only offering ChaCha20 gets it. Both brokers the project ships accept it (the embedded broker's
   * suites, deploy/mosquitto's), as does any TLS 1.3 server (OpenSSL and the JDK enable it by default).
   */
  public MqttTls chaCha20() {
    return new MqttTls(key, certificate, ca, CHACHA20);
  }

  /** Sockets with this identity, TCP_NODELAY on and the broker's name checked; read from the files now. */
  public SSLSocketFactory socketFactory() throws IOException {
    return sockets();
  }

  /** The same, as the class that also says what the last handshake agreed. */
  Checked sockets() throws IOException {
    try {
      List<X509Certificate> chain = certificates(certificate);
      OwnKey own = new OwnKey(privateKey(key), chain.toArray(X509Certificate[]::new));
      List<X509Certificate> anchors = certificates(ca);
      KeyStore trusted = emptyStore();
      for (int i = 0; i < anchors.size(); i++) trusted.setCertificateEntry("ca-" + i, anchors.get(i));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(new javax.net.ssl.KeyManager[] {own}, tmf.getTrustManagers(), null);
      return new Checked(ctx.getSocketFactory(), cipherSuites == null ? null : cipherSuites.toArray(String[]::new));
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS identity " + certificate + " / " + key + " unusable: " + e.getMessage(), e);
    }
  }

  /**
   * The one key and chain this side proves itself with. The JDK's own key manager takes them from a
   * key store, and a PKCS#12 store encrypts a key put into it with 10,000 rounds of PBKDF2 and
   * decrypts it again for the key manager — in memory, with an empty password, protecting nothing —
   * which was a tenth of a terminal's CPU in starting up (its JIT compiles little at start).
   */
  private static final class OwnKey extends javax.net.ssl.X509ExtendedKeyManager {
    private static final String ALIAS = "own";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    OwnKey(PrivateKey key, X509Certificate[] chain) {
      this.key = key;
      this.chain = chain;
    }

    /** Whether the handshake asks for our key's type: "EC", "RSA", or as TLS 1.2 names some, "EC_EC". */
    private boolean fits(String keyType) {
      return keyType == null || keyType.equals(key.getAlgorithm()) || keyType.startsWith(key.getAlgorithm() + "_");
    }

    private String[] aliases(String keyType) {
      return fits(keyType) ? new String[] {ALIAS} : null;
    }

    private String alias(String[] keyTypes) {
      if (keyTypes == null) return ALIAS;
      for (String t : keyTypes) if (fits(t)) return ALIAS;
      return null;
    }

    @Override
    public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
      return aliases(keyType);
    }

    @Override
    public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, Socket socket) {
      return alias(keyType);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
      return alias(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
      return aliases(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, java.security.Principal[] issuers, Socket socket) {
      return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
      return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
    }
  }

  /** An in-memory key store, filled from the PEM files rather than loaded from one. */
  private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  /** The certificates in a PEM file; at least one, else the file is named as unusable. */
  static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in).stream().map(c -> (X509Certificate) c).toList();
      if (all.isEmpty()) throw new IOException(file + ": no certificate in it");
      return all;
    }
  }

  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) throw new IOException(file + ": not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException tryNext) {
        // the next algorithm
      }
    }
    throw new IOException(file + ": a private key of no known algorithm");
  }

  /**
   * Every socket: TCP_NODELAY (see {@link NoDelaySocketFactory}: TLS records are small QoS 1 packets
   * too), the broker's certificate checked against the host name or address dialled, TLS 1.2 or newer,
   * its input buffered ({@link BufferedSockets}). Keeps what the last handshake agreed, for the log.
   */
  static final class Checked extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String[] suites;
    private volatile SSLSocket last;

    Checked(SSLSocketFactory delegate, String[] suites) {
      this.delegate = delegate;
      this.suites = suites;
    }

    private Socket configure(Socket s) throws IOException {
      s.setTcpNoDelay(true);
      if (s instanceof SSLSocket ssl) {
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setProtocols(PROTOCOLS);
        if (suites != null) p.setCipherSuites(suites);
        ssl.setSSLParameters(p);
        last = ssl;
        return new BufferedSockets.Tls(ssl);
      }
      return s;
    }

    /** The protocol and suite of the last socket's handshake, e.g. "TLSv1.3 TLS_CHACHA20_POLY1305_SHA256"; null before one. */
    String negotiated() {
      SSLSocket s = last;
      if (s == null) return null;
      SSLSession session = s.getSession(); // the handshake is done: Paho checked this session's host
      return session.getProtocol() + " " + session.getCipherSuite();
    }

    @Override
    public Socket createSocket() throws IOException {
      return configure(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
      s.setTcpNoDelay(true);
      return configure(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return configure(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return configure(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }
  }
}
