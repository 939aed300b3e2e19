package jp.mynaterm.hub.broker.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.pki.PkiFixtures;
import jp.mynaterm.hub.pki.TerminalPki;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.testsupport.RealComponent;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

/**
 * The same attacks against Debian's Mosquitto 2.0 run with {@code deploy/mosquitto/mosquitto.conf}
 * (only its paths and port changed) and the ACL and CRL the PKI writes. Mosquitto 2.0.11 (Debian 12)
 * reads the CRL and the ACL at start and again on SIGHUP, so a revocation applies to new connections
 * after a reload; it keeps the live session of a revoked certificate with its own topics (only a
 * restart, which drops everyone, ends it), and it does not tie the client id to the certificate
 * (rights follow the CN).
 */
class MosquittoTrustTest extends TrustAttacks {
  private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
  private static final String DEPLOYED_PKI = "/opt/mynaterm/var/hub-1/pki/";

  private Process mosquitto;
  private Path conf;
  private Path log;
  private int port;

  @Override
  String start(TerminalPki pki, Path dir) throws Exception {
    RealComponent.MOSQUITTO.require(Files.isExecutable(MOSQUITTO), MOSQUITTO + " is not installed");
    Files.createDirectories(dir);
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String deployed = Files.readString(Path.of("..", "deploy", "mosquitto", "mosquitto.conf"));
    String here =
        deployed.replace(DEPLOYED_PKI, pki.dir().toAbsolutePath() + "/").replace("listener 8883\n", "listener " + port + " 127.0.0.1\n")
            // the test runs as root; Mosquitto would otherwise drop to its own user, who cannot read the temporary PKI
            + "user root\npersistence false\n";
    conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, here);
    log = dir.resolve("mosquitto.log");
    launch();
    return "ssl://127.0.0.1:" + port;
  }

  private void launch() throws Exception {
    mosquitto = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    await("mosquitto listens on " + port, () -> {
      if (!mosquitto.isAlive()) throw new AssertionError("mosquitto exited: " + read(log));
      try (Socket s = new Socket("127.0.0.1", port)) {
        return true;
      } catch (java.io.IOException e) {
        return false;
      }
    });
  }

  @Override
  void applyRevocation() throws Exception {
    long reloads = reloads();
    new ProcessBuilder("kill", "-HUP", Long.toString(mosquitto.pid())).start().waitFor();
    // Mosquitto is single-threaded: once it logged the reload, the next connection meets the new CRL.
    await("mosquitto reloads its configuration", () -> reloads() > reloads);
  }

  private long reloads() {
    return read(log).lines().filter(l -> l.endsWith("Reloading config.")).count();
  }

  /**
   * What Mosquitto's limits come to for a revoked terminal, pinned so deploy/mosquitto/README.md stays
   * true: the CRL is read at start and on SIGHUP only, and a live session outlasts the reload with the
   * rights of the ACL's {@code %u} patterns (its own up and down topics), losing only its role's lists.
   */
  @Test
  void aRevokedTerminalsLiveSessionKeepsItsOwnTopicsUntilMosquittoRestarts() throws Exception {
    PkiFixtures.enroll(pki, "taxi-8", Role.TAXI, dir);
    applyRevocation(); // the ACL now has taxi-8's block: it reads allow-taxi
    SSLSocketFactory taxi8 = tls("taxi-8");
    String allowTaxi = topics.broadcastList(ListName.allow("taxi"));
    try (TlsClient hub = hub();
        TlsClient live = TlsClient.connect(url, "taxi-8", taxi8)) {
      hub.subscribe(upAll());
      live.subscribe(topics.downAll("taxi-8"));
      live.subscribe(allowTaxi);
      pki.revoke("taxi-8");
      // another client id, so the probe does not take the live session over
      try (TlsClient probe = TlsClient.connect(url, "probe-8", taxi8)) {
        assertTrue(probe.connected(), "before the reload, the revoked certificate still connects");
      }
      applyRevocation();
      assertThrows(MqttException.class, () -> TlsClient.connect(url, "probe-9", taxi8), "after the reload it is refused");
      assertTrue(live.connected(), "the live session outlasts the reload");
      assertEquals(0, live.publish(topics.up("taxi-8", Topics.Up.EVENTS), "still"));
      await("its events still reach the hub", () -> hub.received.contains(topics.up("taxi-8", Topics.Up.EVENTS) + " still"));
      hub.publish(allowTaxi, "secret");
      hub.publish(topics.down("taxi-8", Topics.Down.ACKS), "own");
      await("its own down branch still reaches it", () -> live.received.contains(topics.down("taxi-8", Topics.Down.ACKS) + " own"));
      assertFalse(live.received.stream().anyMatch(m -> m.endsWith(" secret")), "its role's list no longer does: " + live.received);
    }
  }

  @Override
  void stop() throws Exception {
    stopProcess();
  }

  private void stopProcess() throws InterruptedException {
    if (mosquitto == null) return;
    mosquitto.destroy();
    if (!mosquitto.waitFor(10, TimeUnit.SECONDS)) mosquitto.destroyForcibly().waitFor();
  }

  @Override
  boolean dropsLiveSessionOnRevocation() {
    return false;
  }

  @Override
  boolean refusesClientIdMismatch() {
    return false;
  }

  @Override
  boolean refusesForbiddenSubscriptions() {
    return false;
  }

  @Override
  int forbiddenPublishOutcome() {
    return NOT_AUTHORIZED;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
