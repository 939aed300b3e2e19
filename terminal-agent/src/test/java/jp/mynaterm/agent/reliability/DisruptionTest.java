package jp.mynaterm.agent.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.agent.sync.SyncStats;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.broker.trust.BrokerTrust;
import jp.mynaterm.hub.pki.PkiFixtures;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.broker.EmbeddedBroker;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker restarts, the hub goes away, the broker allows few messages in flight: nothing lost, nothing doubled. */
class DisruptionTest {
  @TempDir Path dir;

  private static BrokerSettings broker(int port, int receiveMaximum) {
    return new BrokerSettings(true, "127.0.0.1", port, null, null, null, null, receiveMaximum);
  }

  private static BrokerSettings external(int port) {
    return new BrokerSettings(false, null, null, "ssl://127.0.0.1:" + port, null, null, null, null);
  }

  /** The hub of a broker run apart from it (restarted by the test), with the trust of the hub's PKI. */
  private HubConfig hubOf(int port) {
    return Rig.hubConfig(dir.resolve("hub"), external(port), null);
  }

  private EmbeddedBroker startBroker(HubConfig hub, int port) throws java.io.IOException {
    return EmbeddedBroker.start(broker(port, 64), dir.resolve("broker"), BrokerTrust.of(PkiFixtures.hub(hub), new Topics(Rig.CITY)));
  }

  private static void record(Agent agent, int n) {
    for (int i = 0; i < n; i++) assertInstanceOf(Appended.Committed.class, agent.record(Rig.ride(i)));
  }

  private static void assertExactlyOnce(Hub hub, String terminal, int n) {
    assertEquals(LongStream.rangeClosed(1, n).boxed().toList(), Rig.seqs(hub, terminal));
  }

  @Test
  void aBrokerRestartDuringADrainLosesAndDoublesNothing() throws Exception {
    int port = Rig.freePort();
    int backlog = 30_000;
    HubConfig hubConfig = hubOf(port);
    try (Agent agent = Agent.start(Rig.taxi(dir, "taxi-r", Rig.enroll(hubConfig, "taxi-r", Role.TAXI, dir), Duration.ofSeconds(3), null), "test")) {
      // A backlog queued while no broker was reachable.
      List<UsageEvent> offline = IntStream.range(0, backlog).mapToObj(Rig::ride).toList();
      assertInstanceOf(Appended.Committed.class, agent.outbox().appendAll(offline, TerminalClock.system().now()));
      EmbeddedBroker first = startBroker(hubConfig, port);
      try (Hub hub = Hub.start(hubConfig)) {
        await("drain under way").atMost(Duration.ofSeconds(30)).until(() -> Rig.count(hub) > 0);
        first.close(); // in-memory broker: its sessions and queues are gone
        assertTrue(Rig.count(hub) < backlog, "the broker went away in the middle of the drain");
        try (EmbeddedBroker second = startBroker(hubConfig, port)) {
          await("the whole backlog stored after the restart").atMost(Duration.ofSeconds(90)).until(() -> Rig.count(hub) == backlog);
          await("outbox empties").atMost(Duration.ofSeconds(20)).until(() -> agent.outbox().depth() == 0);
          assertExactlyOnce(hub, "taxi-r", backlog);
          assertTrue(agent.stats().connects() >= 2, "the agent reconnected: " + agent.stats());
        }
      }
    }
  }

  @Test
  void eventsRecordedWhileTheHubIsStoppedArriveOnceWhenItReturns() throws Exception {
    int port = Rig.freePort();
    HubConfig hubConfig = hubOf(port);
    try (EmbeddedBroker broker = startBroker(hubConfig, port);
        Agent agent = Agent.start(Rig.taxi(dir, "taxi-h", Rig.enroll(hubConfig, "taxi-h", Role.TAXI, dir), Duration.ofSeconds(2), null), "test")) {
      try (Hub hub = Hub.start(hubConfig)) {
        record(agent, 100);
        await("first 100 stored").atMost(Duration.ofSeconds(30)).until(() -> Rig.count(hub) == 100);
        await("and acknowledged").atMost(Duration.ofSeconds(20)).until(() -> agent.outbox().depth() == 0);
      }
      record(agent, 400); // the hub is away: the broker queues some for its session, the agent keeps all
      await("agent sends while the hub is away").atMost(Duration.ofSeconds(10)).until(() -> agent.stats().connected());
      assertEquals(400, agent.outbox().depth());
      try (Hub hub = Hub.start(hubConfig)) {
        await("all 500 stored").atMost(Duration.ofSeconds(60)).until(() -> Rig.count(hub) == 500);
        await("outbox empties").atMost(Duration.ofSeconds(20)).until(() -> agent.outbox().depth() == 0);
        assertExactlyOnce(hub, "taxi-h", 500);
      }
    }
  }

  @Test
  void theAgentNeverHasMorePublishesInFlightThanTheBrokerAllows() throws Exception {
    int port = Rig.freePort();
    HubConfig hubConfig = Rig.hubConfig(dir.resolve("hub"), broker(port, 3), null);
    TaxiConfig one = Rig.taxi(dir, "taxi-w", Rig.enroll(hubConfig, "taxi-w", Role.TAXI, dir), Duration.ofSeconds(5), null);
    TaxiConfig oneEventPerMessage =
        new TaxiConfig(one.role(), one.municipality(), one.terminal(), withBatch(one), one.outbox(), one.card(), one.taxi(), one.peripherals(), one.development());
    try (Hub hub = Hub.start(hubConfig);
        Agent agent = Agent.start(oneEventPerMessage, "test")) {
      record(agent, 1500);
      await("all 1500 stored").atMost(Duration.ofSeconds(60)).until(() -> Rig.count(hub) == 1500);
      SyncStats stats = agent.stats();
      assertEquals(3, stats.receiveMaximum(), "receive maximum from CONNACK");
      assertTrue(stats.maxInFlightSeen() <= 3, "in flight at most 3, saw " + stats.maxInFlightSeen());
      assertEquals(0, stats.publishFailures(), "no publish refused by Paho (32202)");
      assertExactlyOnce(hub, "taxi-w", 1500);
    }
  }

  private static jp.mynaterm.config.MqttSettings withBatch(TaxiConfig c) {
    var m = c.mqtt();
    return new jp.mynaterm.config.MqttSettings(m.url(), m.username(), m.password(), m.sessionExpiry(), m.keepAlive(), m.ackTimeout(), m.reconnectMin(), m.reconnectMax(), 1, m.tls());
  }
}
