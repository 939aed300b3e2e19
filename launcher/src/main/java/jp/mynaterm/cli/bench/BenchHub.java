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
import jp.mynaterm.hub.broker.EmbeddedBroker;
import jp.mynaterm.hub.pki.LocalEnrollment;
import jp.mynaterm.hub.pki.PkiRefused;
import jp.mynaterm.protocol.mqtt.MqttTls;

/** A hub with its embedded broker and its page on free loopback ports and its data in a temporary directory, for benchmarks. */
final class BenchHub implements AutoCloseable {
  static final String CITY = "212075";

  final Scratch dir;
  final Hub hub;
  /** The plaintext broker of a {@link #startPlaintext} hub, null for the city's TLS-only one. */
  private final EmbeddedBroker plainBroker;

  private BenchHub(Scratch dir, Hub hub, EmbeddedBroker plainBroker) {
    this.dir = dir;
    this.hub = hub;
    this.plainBroker = plainBroker;
  }

  static BenchHub start(String name) throws Exception {
    return start(name, null);
  }

  /** @param taxi the demand taxi's booking rules and vehicles; null: none */
  static BenchHub start(String name, jp.mynaterm.config.TaxiBookingSettings taxi) throws Exception {
    Scratch dir = Scratch.create(name);
    HubConfig config = new HubConfig(Role.HUB, CITY, new HubSettings("bench-hub", dir.resolve("hub").toString(), null),
        BrokerSettings.DEFAULT.withPort(Scratch.freePort()), null, new HttpSettings(null, 0), null, null, true, null, taxi);
    ExampleConfigs.hubPki(config);
    return connected(dir, Hub.start(config), null);
  }

  /**
   * A TLS benchmark's baseline only: the same hub on a plaintext broker (an embedded broker started
   * without trust, used by the hub as an external tcp:// one), which only development mode allows.
   * Its terminals connect with no TLS identity ({@link #enroll} gives null).
   */
  static BenchHub startPlaintext(String name) throws Exception {
    Scratch dir = Scratch.create(name + "-plain");
    BrokerSettings plain = BrokerSettings.DEFAULT.withPort(Scratch.freePort());
    EmbeddedBroker broker;
    try {
      broker = EmbeddedBroker.start(plain, dir.resolve("broker"));
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
    BrokerSettings external = new BrokerSettings(false, null, null, broker.url(), null, null, null, null);
    HubConfig config = new HubConfig(Role.HUB, CITY, new HubSettings("bench-hub", dir.resolve("hub").toString(), null),
        external, null, new HttpSettings(null, 0), null, null, true);
    Hub hub;
    try {
      ExampleConfigs.hubPki(config); // the hub keeps its terminal registry there; no connection uses it
      hub = Hub.start(config);
    } catch (RuntimeException e) {
      broker.close();
      dir.close();
      throw e;
    }
    return connected(dir, hub, broker);
  }

  private static BenchHub connected(Scratch dir, Hub hub, EmbeddedBroker plainBroker) throws Exception {
    BenchHub bench = new BenchHub(dir, hub, plainBroker);
    try {
      Await.until(Duration.ofSeconds(30), hub::connected, "the bench hub connects to its broker");
    } catch (Exception e) {
      bench.close();
      throw e;
    }
    return bench;
  }

  /** A benchmark's terminal enrolled with the bench hub's PKI (TLS only, as a city runs): its TLS identity; null on a plaintext baseline hub. */
  MqttTls enroll(String id, Role role) {
    if (plainBroker != null) return null;
    Path tls = dir.resolve("terminals").resolve(id).resolve("tls");
    try {
      LocalEnrollment.enroll(ExampleConfigs.hubPki(hub.config()), id, role, tls);
    } catch (IOException | PkiRefused e) {
      throw new CommandFailure(ExitCodes.FAILURE, "enrolling " + id + ": " + e.getMessage());
    }
    return new MqttTls(tls.resolve("terminal.key"), tls.resolve("terminal.pem"), tls.resolve(LocalEnrollment.CA_FILE));
  }

  @Override
  public void close() throws java.io.IOException {
    hub.close();
    if (plainBroker != null) plainBroker.close();
    dir.close();
  }
}
