package jp.mynaterm.hub;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.HubSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.pki.PkiFixtures;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Events;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.mqtt.MqttSession;
import jp.mynaterm.protocol.time.TerminalClock;

/** A bare MQTT client standing in for a terminal (well-behaved or not), and what hub tests share. */
final class TestClient implements AutoCloseable {
  static final String CITY = "212075";

  final MqttSession session;
  final List<String> received = new CopyOnWriteArrayList<>();

  /** A terminal {@code clientId} enrolled (as a taxi) with the hub's PKI, over TLS to its broker. */
  TestClient(Hub hub, String clientId, String... subscriptions) {
    var tls = PkiFixtures.terminal(hub.config(), clientId, Role.TAXI, hub.config().hub().dataPath().resolveSibling("clients-" + hub.config().hub().id()).resolve(clientId));
    MqttSession.Options o = MqttSession.Options.builder(hub.brokerUrl(), clientId).tls(tls).subscribe(subscriptions).build();
    session =
        new MqttSession(o, (topic, m, ack) -> received.add(topic + " " + new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8)))
            .start();
    await("test client connects").atMost(Duration.ofSeconds(20)).until(session::connected);
  }

  void publish(String topic, byte[] payload) {
    await("publish accepted").atMost(Duration.ofSeconds(10)).until(() -> session.publish(topic, payload, false) == MqttSession.Sent.IN_FLIGHT);
  }

  static MessageFactory terminal(String id) {
    return new MessageFactory(CITY, id, TerminalClock.system());
  }

  static Events rides(MessageFactory m, long fromSeq, int count) {
    List<EventRecord> records = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(
          new EventRecord(
              fromSeq + i,
              m.clock().now(),
              new RideBoarded(new CardId("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "noriai-1", "shift-1", "adult", 300, null, false)));
    }
    return new Events(records);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A hub in {@code dir}, its terminal PKI made there (an embedded broker accepts only enrolled clients). */
  static HubConfig hubConfig(Path dir, BrokerSettings broker, String jdbcUrl, String user) {
    HubConfig config =
        new HubConfig(Role.HUB, CITY, new HubSettings("hub-1", dir.toString(), null), broker, new StorageSettings(jdbcUrl, user, null), new jp.mynaterm.config.HttpSettings("127.0.0.1", 0), null, null, true);
    PkiFixtures.hub(config);
    return config;
  }

  static long count(Hub hub) {
    try {
      return hub.events().count();
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
