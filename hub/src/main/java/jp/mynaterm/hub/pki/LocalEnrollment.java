package jp.mynaterm.hub.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import jp.mynaterm.config.Role;

/**
 * The hub and its terminals on one machine (the demo, tests, benchmarks): the steps an operator and a
 * device take — {@code pki init}, {@code pki enroll}, {@code pki request} on the device, {@code pki
 * issue} — done in one process. The private key is still made in the terminal's own directory.
 */
public final class LocalEnrollment {
  private LocalEnrollment() {}

  /**
   * The hub's PKI in {@code hubDataDir/pki}, created as {@code pki init} does when there is none. The
   * hub's identity is its MQTT client id {@code hubClientId} ({@code hub-{hub.id}}); {@code export}
   * writes what a broker reads after each change (the broker's package owns it, so it is passed in).
   */
  public static TerminalPki hubPki(Path hubDataDir, String municipality, String hubClientId, PkiExport export) throws IOException, PkiRefused {
    Path dir = TerminalPki.in(hubDataDir);
    if (Files.exists(dir.resolve(TerminalCa.KEY))) return TerminalPki.open(dir, Clock.systemUTC(), export);
    return TerminalPki.init(dir, municipality, hubClientId, List.of(), Clock.systemUTC(), export);
  }

  /**
   * Enrolls {@code terminal} as {@code role}: its key and CSR made in {@code tlsDir}, a one-use token,
   * the certificate issued into {@code tlsDir/terminal.pem} and the CA into {@code tlsDir/ca.pem} —
   * where an agent looks by default ({@code {terminal.dataDir}/tls}). An earlier certificate of the
   * terminal is revoked (one live certificate per terminal).
   */
  public static void enroll(TerminalPki pki, String terminal, Role role, Path tlsDir) throws IOException, PkiRefused {
    boolean live = pki.terminal(terminal).filter(t -> !t.revoked() && t.role() == role).isPresent();
    if (live && Files.exists(tlsDir.resolve(TerminalKeys.CERT)) && Files.exists(tlsDir.resolve(TerminalKeys.KEY))) {
      Pem.writePublic(tlsDir.resolve(CA_FILE), pki.caCertificate());
      return; // enrolled at an earlier start, still valid
    }
    Files.deleteIfExists(tlsDir.resolve(TerminalKeys.KEY)); // a new identity: the old one, if any, is revoked by issue
    var csr = TerminalKeys.request(terminal, tlsDir);
    String token = pki.enroll(terminal, role, Duration.ofMinutes(5));
    X509Certificate cert = pki.issue(token, csr);
    Pem.writePublic(tlsDir.resolve(TerminalKeys.CERT), cert, pki.caCertificate());
    Pem.writePublic(tlsDir.resolve(CA_FILE), pki.caCertificate());
  }

  /** The CA's certificate on a terminal, its only trust anchor for the broker. */
  public static final String CA_FILE = "ca.pem";
}
