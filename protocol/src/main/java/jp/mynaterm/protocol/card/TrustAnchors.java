package jp.mynaterm.protocol.card;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The root certificates a card's user-authentication chain must lead to (configured, never from the card). */
public record TrustAnchors(List<X509Certificate> certificates) {
  public TrustAnchors {
    certificates = List.copyOf(certificates);
    if (certificates.isEmpty()) throw new IllegalArgumentException("at least one trust anchor is needed");
  }

  /**
   * Reads one file of PEM or DER certificates.
   *
   * @throws IOException naming the file when it cannot be read or holds no certificate
   */
  public static TrustAnchors load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certs = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) certs.add((X509Certificate) c);
      if (certs.isEmpty()) throw new IOException(file + ": no certificate in it");
      return new TrustAnchors(certs);
    } catch (CertificateException e) {
      throw new IOException(file + ": not a PEM or DER certificate (" + e.getMessage() + ")", e);
    }
  }

  Set<TrustAnchor> pkix() {
    return certificates.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
  }
}
