package jp.mynaterm.hub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.pki.PkiFixtures;
import jp.mynaterm.protocol.mqtt.MqttTls;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker speaks standard MQTT 5 over TLS to other clients: Mosquitto's command-line tools with a terminal's certificate. */
class MosquittoClientsTest {
  @TempDir Path dir;

  @Test
  void mosquittoPubDeliversAnEventAndMosquittoSubSeesTheHubsAck() throws Exception {
    RealComponent.MOSQUITTO.require(Files.isExecutable(Path.of("/usr/bin/mosquitto_rr")), "no /usr/bin/mosquitto_rr (mosquitto-clients)");
    int port = TestClient.freePort();
    String id = "cli-1";
    Topics topics = new Topics(TestClient.CITY);
    MessageFactory m = TestClient.terminal(id);
    Path payload = dir.resolve("events.json");
    Files.write(payload, new MessageCodec().encode(m.envelope(TestClient.rides(m, 1, 5))));
    HubConfig config = TestClient.hubConfig(dir.resolve("hub"), BrokerSettings.DEFAULT.withPort(port), null, null);
    MqttTls tls = PkiFixtures.terminal(config, id, Role.TAXI, dir.resolve(id));
    try (Hub hub = Hub.start(config)) {
      await("hub connects").atMost(Duration.ofSeconds(20)).until(hub::connected);
      // mosquitto_rr subscribes to the ack topic and publishes the events on one connection: the broker
      // admits one session per terminal certificate, under its own id, over TLS only.
      List<String> rr =
          List.of("mosquitto_rr", "-V", "mqttv5", "-h", "127.0.0.1", "-p", "" + port, "-i", id, "--cafile", tls.ca().toString(), "--cert", tls.certificate().toString(),
              "--key", tls.key().toString(), "-t", topics.up(id, Topics.Up.EVENTS), "-e", topics.down(id, Topics.Down.ACKS), "-q", "1", "-m", Files.readString(payload), "-W", "30"); // -f sends nothing in mosquitto_rr 2.0.11
      Process sub = new ProcessBuilder(rr).redirectErrorStream(true).start();
      assertTrue(sub.waitFor(40, TimeUnit.SECONDS), "mosquitto_rr received an ack");
      String ack = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(ack.contains("\"committed\":[{\"from\":1,\"to\":5}]"), ack);
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), hub.events().sequences(id));
    }
  }
}
