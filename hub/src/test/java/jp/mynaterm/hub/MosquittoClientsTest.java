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
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker speaks plain MQTT 5 to other clients: Mosquitto's command-line tools. */
class MosquittoClientsTest {
  @TempDir Path dir;

  @Test
  void mosquittoPubDeliversAnEventAndMosquittoSubSeesTheHubsAck() throws Exception {
    RealComponent.MOSQUITTO.require(Files.isExecutable(Path.of("/usr/bin/mosquitto_pub")), "no /usr/bin/mosquitto_pub (mosquitto-clients)");
    int port = TestClient.freePort();
    String id = "cli-1";
    Topics topics = new Topics(TestClient.CITY);
    MessageFactory m = TestClient.terminal(id);
    Path payload = dir.resolve("events.json");
    Files.write(payload, new MessageCodec().encode(m.envelope(TestClient.rides(m, 1, 5))));
    try (Hub hub = Hub.start(TestClient.hubConfig(dir.resolve("hub"), BrokerSettings.DEFAULT.withPort(port), null, null))) {
      await("hub connects").atMost(Duration.ofSeconds(20)).until(hub::connected);
      Process sub =
          new ProcessBuilder("mosquitto_sub", "-V", "mqttv5", "-h", "127.0.0.1", "-p", "" + port, "-t", topics.down(id, Topics.Down.ACKS), "-q", "1", "-C", "1", "-W", "30")
              .redirectErrorStream(true)
              .start();
      // Publishing again until the subscriber has its ack: repeats are harmless, the hub stores once.
      List<String> pub = List.of("mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1", "-p", "" + port, "-t", topics.up(id, Topics.Up.EVENTS), "-q", "1", "-f", payload.toString());
      await("mosquitto_sub receives an ack").atMost(Duration.ofSeconds(30)).until(() -> {
        new ProcessBuilder(pub).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        return sub.waitFor(300, TimeUnit.MILLISECONDS);
      });
      String ack = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(ack.contains("\"committed\":[{\"from\":1,\"to\":5}]"), ack);
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), hub.events().sequences(id));
    }
  }
}
