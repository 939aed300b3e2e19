package jp.mynaterm.hub.pki;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import jp.mynaterm.config.Role;

/** Enrolls a terminal the way an operator and a device do it: key and CSR on the device, token at the hub. */
public final class PkiFixtures {
  private PkiFixtures() {}

  /** The terminal's directory, holding its key, CSR and certificate chain (as pki request and issue leave them). */
  public static Path enroll(TerminalPki pki, String terminal, Role role, Path root) throws Exception {
    Path dir = root.resolve(terminal);
    var csr = TerminalKeys.request(terminal, dir);
    String token = pki.enroll(terminal, role, Duration.ofHours(1));
    X509Certificate cert = pki.issue(token, csr);
    Pem.writePublic(dir.resolve(TerminalKeys.CERT), cert, pki.caCertificate());
    return dir;
  }
}
