package jp.mynaterm.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.HubSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.Hub;

/** A hub with its embedded broker on a free loopback port and its data in a temporary directory, for benchmarks. */
final class BenchHub implements AutoCloseable {
  static final String CITY = "212075";

  final Path dir;
  final Hub hub;

  private BenchHub(Path dir, Hub hub) {
    this.dir = dir;
    this.hub = hub;
  }

  static BenchHub start(String name) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("mynaterm-bench-" + name + "-");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HubConfig config = new HubConfig(Role.HUB, CITY, new HubSettings("bench-hub", dir.resolve("hub").toString(), null), BrokerSettings.DEFAULT.withPort(port), null, null, null, true);
    ExampleConfigs.hubPki(config);
    Hub hub = Hub.start(config);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!hub.connected()) {
      if (System.nanoTime() > deadline) throw new IOException("the bench hub did not connect to its broker");
      Thread.sleep(20);
    }
    return new BenchHub(dir, hub);
  }

  /** A benchmark's terminal enrolled with the bench hub's PKI (TLS only, as a city runs): its TLS identity. */
  jp.mynaterm.protocol.mqtt.MqttTls enroll(String id, Role role) {
    Path tls = dir.resolve("terminals").resolve(id).resolve("tls");
    try {
      jp.mynaterm.hub.pki.LocalEnrollment.enroll(ExampleConfigs.hubPki(hub.config()), id, role, tls);
    } catch (IOException | jp.mynaterm.hub.pki.PkiRefused e) {
      throw new CommandFailure(ExitCodes.FAILURE, "enrolling " + id + ": " + e.getMessage());
    }
    return new jp.mynaterm.protocol.mqtt.MqttTls(tls.resolve("terminal.key"), tls.resolve("terminal.pem"), tls.resolve(jp.mynaterm.hub.pki.LocalEnrollment.CA_FILE));
  }

  long stored() {
    try {
      return hub.events().count();
    } catch (java.sql.SQLException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot count stored events: " + e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    hub.close();
    deleteTree(dir);
  }

  /** Removes a benchmark's temporary directory and everything in it. */
  static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
