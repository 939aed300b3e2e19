package jp.mynaterm.hub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.pki.PkiFixtures;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.DecodeResult;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.Ack;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.Request;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.Response;
import jp.mynaterm.protocol.message.SeqRange;
import jp.mynaterm.protocol.mqtt.MqttSession;
import jp.mynaterm.protocol.mqtt.MqttTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many terminals send at once, more than the writer commits in a batch and more acks than the
 * broker's in-flight window holds: every event is acknowledged (none dropped while the writer lags),
 * and a request sent into that backlog is answered, not queued behind the events.
 */
class AcksUnderLoadTest {
  /**
   * 100 in the suite (enrolling each and its TLS handshake take most of the time on a small
   * machine); {@code -Dmynaterm.load.terminals=500} runs the full number.
   */
  private static final int TERMINALS = Integer.getInteger("mynaterm.load.terminals", 100);
  private static final int BATCHES = 4;
  private static final int EVENTS_PER_BATCH = 25;
  private static final MessageCodec codec = new MessageCodec();
  /**
   * A publish is tried at once and, while the client's window is full, again this soon. With
   * Awaitility's defaults (the first try only after 100 ms) the 400 publishes alone took 40 s here, two
   * thirds of the test, and the terminals sent far slower than the load this test is about.
   */
  private static final Duration RETRY = Duration.ofMillis(10);

  @TempDir Path dir;

  @Test
  void hundredsOfTerminalsGetEveryAckAndARequestIsAnsweredDuringTheBacklog() throws Exception {
    HubConfig config = TestClient.hubConfig(dir, BrokerSettings.DEFAULT.withPort(TestClient.freePort()), null, null);
    Topics topics = new Topics(TestClient.CITY);
    List<MqttSession> sessions = new ArrayList<>();
    try (Hub hub = Hub.start(config)) {
      await("hub connects to its broker").atMost(Duration.ofSeconds(20)).until(hub::connected);
      Map<String, Set<Long>> acked = new ConcurrentHashMap<>();
      // Connections started in parallel (enrollments one at a time); the list keeps the terminals' order.
      sessions.addAll(java.util.stream.IntStream.range(0, TERMINALS).parallel().mapToObj(t -> {
        String id = "load-" + t;
        Set<Long> mine = ConcurrentHashMap.newKeySet();
        acked.put(id, mine);
        return terminal(hub, id, topics.down(id, Topics.Down.ACKS), (topic, body) -> {
          if (body instanceof Ack a) for (SeqRange r : a.committed()) for (long s = r.from(); s <= r.to(); s++) mine.add(s);
        });
      }).toList());
      String kioskId = "kiosk-under-load";
      List<Response> responses = new CopyOnWriteArrayList<>();
      MqttSession kiosk = terminal(hub, kioskId, topics.down(kioskId, Topics.Down.RESPONSES), (topic, body) -> {
        if (body instanceof Response r) responses.add(r);
      });
      sessions.add(kiosk);
      await("every simulated terminal connects").atMost(Duration.ofMinutes(3)).until(() -> sessions.stream().allMatch(MqttSession::connected));

      for (int b = 0; b < BATCHES; b++) {
        for (int t = 0; t < TERMINALS; t++) {
          MqttSession s = sessions.get(t);
          MessageFactory m = TestClient.terminal(s.clientId());
          byte[] payload = codec.encode(m.envelope(TestClient.rides(m, 1L + (long) b * EVENTS_PER_BATCH, EVENTS_PER_BATCH)));
          String topic = topics.up(s.clientId(), Topics.Up.EVENTS);
          await("batch accepted by the client").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(RETRY)
              .until(() -> s.publish(topic, payload, false) == MqttSession.Sent.IN_FLIGHT);
        }
      }
      MessageFactory k = TestClient.terminal(kioskId);
      Request ask = new Request("during-backlog", k.clock().now().wall().plusSeconds(10), new RequestBody.ListSync(Map.of()));
      await("request accepted by the client").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(RETRY)
          .until(() -> kiosk.publish(topics.up(kioskId, Topics.Up.REQUESTS), codec.encode(k.envelope(ask)), false) == MqttSession.Sent.IN_FLIGHT);

      await("the request sent during the backlog is answered").atMost(Duration.ofMinutes(2))
          .until(() -> responses.stream().anyMatch(r -> r.correlationId().equals("during-backlog")));
      long expected = (long) BATCHES * EVENTS_PER_BATCH;
      await("every event of every terminal acknowledged").atMost(Duration.ofMinutes(5))
          .until(() -> acked.values().stream().allMatch(s -> s.size() == expected));
      assertEquals((long) TERMINALS * expected, TestClient.count(hub), "every event stored once");
    } finally {
      sessions.forEach(MqttSession::close);
    }
  }

  private interface Receiver {
    void received(String topic, Object body);
  }

  /** A simulated terminal over TLS with its own certificate, as in production; started, not yet awaited. */
  private MqttSession terminal(Hub hub, String id, String subscription, Receiver receiver) {
    MqttTls tls;
    synchronized (AcksUnderLoadTest.class) { // the PKI's directory lock is per process, one enrollment at a time
      tls = PkiFixtures.terminal(hub.config(), id, Role.TAXI, dir.resolve("clients").resolve(id));
    }
    MqttSession.Options o = MqttSession.Options.builder(hub.brokerUrl(), id).tls(tls).subscribe(subscription).build();
    return new MqttSession(o, (topic, m, ack) -> {
      if (codec.decode(m.getPayload()) instanceof DecodeResult.Decoded d) receiver.received(topic, d.envelope().body());
    }).start();
  }
}
