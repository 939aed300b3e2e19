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
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
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
 */
public record MqttTls(Path key, Path certificate, Path ca) {
  /** TLS 1.3 preferred, 1.2 the minimum, as the broker's listener offers. */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  public MqttTls {
    if (key == null || certificate == null || ca == null) throw new IllegalArgumentException("key, certificate and CA are all needed");
  }

  /** Sockets with this identity, TCP_NODELAY on and the broker's name checked; read from the files now. */
  public SSLSocketFactory socketFactory() throws IOException {
    try {
      List<X509Certificate> chain = certificates(certificate);
      KeyStore own = emptyStore();
      own.setKeyEntry("client", privateKey(key), new char[0], chain.toArray(Certificate[]::new));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(own, new char[0]);
      List<X509Certificate> anchors = certificates(ca);
      KeyStore trusted = emptyStore();
      for (int i = 0; i < anchors.size(); i++) trusted.setCertificateEntry("ca-" + i, anchors.get(i));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return new Checked(ctx.getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS identity " + certificate + " / " + key + " unusable: " + e.getMessage(), e);
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
   * too), the broker's certificate checked against the host name or address dialled, TLS 1.2 or newer.
   */
  private static final class Checked extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    Checked(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    private Socket configure(Socket s) throws IOException {
      s.setTcpNoDelay(true);
      if (s instanceof SSLSocket ssl) {
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setProtocols(PROTOCOLS);
        ssl.setSSLParameters(p);
      }
      return s;
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
