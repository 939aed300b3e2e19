package jp.mynaterm.hub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.MessageFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's ingest against bad and repeated input, through its embedded broker. */
class IngestTest {
  @TempDir static Path dir;
  static Hub hub;
  static String url;
  static final Topics topics = new Topics(TestClient.CITY);
  static final MessageCodec codec = new MessageCodec();

  @BeforeAll
  static void start() throws Exception {
    int port = TestClient.freePort();
    hub = Hub.start(TestClient.hubConfig(dir, BrokerSettings.DEFAULT.withPort(port), null, null));
    url = hub.brokerUrl();
    await("hub connects to its broker").atMost(Duration.ofSeconds(20)).until(hub::connected);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void badMessagesAreRejectedCountedAndStoreNothingWhileGoodOnesStillGetThrough() throws Exception {
    String evil = "evil-1";
    String events = topics.up(evil, Topics.Up.EVENTS);
    MessageFactory asVictim = TestClient.terminal("victim-1");
    byte[] impostor = codec.encode(asVictim.envelope(TestClient.rides(asVictim, 1, 1)));
    String good = new String(codec.encode(TestClient.terminal(evil).envelope(TestClient.rides(TestClient.terminal(evil), 1, 1))), StandardCharsets.UTF_8);
    long before = TestClient.count(hub);
    long rejectsBefore = hub.ingest().rejects().total();
    try (TestClient client = new TestClient(hub, evil)) {
      client.publish(events, "{not json".getBytes(StandardCharsets.UTF_8));
      client.publish(events, good.replace("\"schema\":1", "\"schema\":99").getBytes(StandardCharsets.UTF_8));
      client.publish(events, new byte[MessageCodec.DEFAULT_MAX_BYTES + 1]);
      client.publish(events, impostor);
      client.publish(topics.up(evil, Topics.Up.STATUS), good.getBytes(StandardCharsets.UTF_8));
      await("five rejects counted").atMost(Duration.ofSeconds(20)).until(() -> hub.ingest().rejects().total() >= rejectsBefore + 5);
      assertEquals(before, TestClient.count(hub), "nothing stored from rejected messages");
      Map<String, Long> reasons = hub.ingest().rejects().snapshot();
      for (String reason : List.of("not-json", "unknown-schema-version", "too-large", "terminal-mismatch", "wrong-kind")) {
        assertEquals(1L, reasons.get(reason), "reason " + reason + " in " + reasons);
      }
      client.publish(events, good.getBytes(StandardCharsets.UTF_8));
      await("the hub still stores good events").atMost(Duration.ofSeconds(20)).until(() -> TestClient.count(hub) == before + 1);
      assertEquals(List.of(1L), hub.events().sequences(evil));
      assertEquals(List.of(), hub.events().sequences("victim-1"));
    }
  }

  @Test
  void aRepeatedBatchIsStoredOnceAndAcknowledgedEachTime() throws Exception {
    String id = "dup-1";
    MessageFactory m = TestClient.terminal(id);
    byte[] batch = codec.encode(m.envelope(TestClient.rides(m, 1, 10)));
    try (TestClient client = new TestClient(hub, id, topics.downAll(id))) {
      for (int i = 1; i <= 3; i++) {
        client.publish(topics.up(id, Topics.Up.EVENTS), batch);
        int acks = i;
        await("ack number " + i).atMost(Duration.ofSeconds(20)).until(() -> client.received.size() >= acks);
      }
      assertEquals(java.util.stream.LongStream.rangeClosed(1, 10).boxed().toList(), hub.events().sequences(id));
      assertTrue(client.received.stream().allMatch(r -> r.contains("\"committed\":[{\"from\":1,\"to\":10}]")), client.received.toString());
    }
  }
}
