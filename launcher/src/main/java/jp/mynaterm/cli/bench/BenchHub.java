package jp.mynaterm.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.ExampleConfigs;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.HubSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.pki.LocalEnrollment;
import jp.mynaterm.hub.pki.PkiRefused;
import jp.mynaterm.protocol.mqtt.MqttTls;

/** A hub with its embedded broker and its page on free loopback ports and its data in a temporary directory, for benchmarks. */
final class BenchHub implements AutoCloseable {
  static final String CITY = "212075";

  final Scratch dir;
  final Hub hub;

  private BenchHub(Scratch dir, Hub hub) {
    this.dir = dir;
    this.hub = hub;
  }

  static BenchHub start(String name) throws Exception {
    Scratch dir = Scratch.create(name);
    HubConfig config = new HubConfig(Role.HUB, CITY, new HubSettings("bench-hub", dir.resolve("hub").toString(), null),
        BrokerSettings.DEFAULT.withPort(Scratch.freePort()), null, new HttpSettings(null, 0), null, true);
    ExampleConfigs.hubPki(config);
    Hub hub = Hub.start(config);
    try {
      Await.until(Duration.ofSeconds(30), hub::connected, "the bench hub connects to its broker");
    } catch (Exception e) {
      hub.close();
      dir.close();
      throw e;
    }
    return new BenchHub(dir, hub);
  }

  /** A benchmark's terminal enrolled with the bench hub's PKI (TLS only, as a city runs): its TLS identity. */
  MqttTls enroll(String id, Role role) {
    Path tls = dir.resolve("terminals").resolve(id).resolve("tls");
    try {
      LocalEnrollment.enroll(ExampleConfigs.hubPki(hub.config()), id, role, tls);
    } catch (IOException | PkiRefused e) {
      throw new CommandFailure(ExitCodes.FAILURE, "enrolling " + id + ": " + e.getMessage());
    }
    return new MqttTls(tls.resolve("terminal.key"), tls.resolve("terminal.pem"), tls.resolve(LocalEnrollment.CA_FILE));
  }

  long stored() {
    try {
      return hub.events().count();
    } catch (java.sql.SQLException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot count stored events: " + e.getMessage());
    }
  }

  @Override
  public void close() throws java.io.IOException {
    hub.close();
    dir.close();
  }
}
