package jp.mynaterm.hub.pki;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.broker.trust.MosquittoAcl;
import jp.mynaterm.protocol.mqtt.MqttTls;

/**
 * The tests' one terminal PKI: a hub's CA made in its data directory as {@code pki init} makes it,
 * terminals enrolled the way an operator and a device do it (key and CSR on the device, token at the
 * hub). Shared with the agent's, kiosk's and launcher's tests through the hub's test-jar.
 */
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

  /** The PKI of the hub {@code hub} (made on first use in its data directory), as {@code Hub.start} opens it. */
  public static TerminalPki hub(HubConfig hub) {
    try {
      return LocalEnrollment.hubPki(hub.hub().dataPath(), hub.municipality(), "hub-" + hub.hub().id(), MosquittoAcl.EXPORT);
    } catch (Exception e) {
      throw new AssertionError("test PKI: " + e.getMessage(), e);
    }
  }

  /**
   * Enrolls {@code terminal} with the hub's PKI into {@code terminalDataDir/tls}, where an agent finds
   * its key, certificate and CA by default; the identity for a client of the hub's broker.
   */
  public static MqttTls terminal(HubConfig hub, String terminal, Role role, Path terminalDataDir) {
    Path tls = terminalDataDir.resolve("tls");
    try {
      LocalEnrollment.enroll(hub(hub), terminal, role, tls);
    } catch (Exception e) {
      throw new AssertionError("test PKI: enrolling " + terminal + ": " + e.getMessage(), e);
    }
    return new MqttTls(tls.resolve(TerminalKeys.KEY), tls.resolve(TerminalKeys.CERT), tls.resolve(LocalEnrollment.CA_FILE));
  }
}
