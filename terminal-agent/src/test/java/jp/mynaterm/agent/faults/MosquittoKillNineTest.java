package jp.mynaterm.agent.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Mosquitto, the external broker between a terminal and the hub, killed with SIGKILL three
 * times while the hub ingests the terminal's backlog (in memory only: its sessions and queued
 * messages die with it): every event is stored once.
 */
class MosquittoKillNineTest {
  private static final int BACKLOG = 20_000;
  private static final int KILLS = 3;
  @TempDir Path dir;

  @Test
  @Timeout(300)
  void killingMosquittoMidBatchLosesAndDoublesNothing() throws Exception {
    TestMosquitto.require();
    int port = Rig.freePort();
    String url = "ssl://127.0.0.1:" + port;
    HubConfig hubConfig = Rig.hubConfig(dir.resolve("hub"), new BrokerSettings(false, null, null, url, null, null, null, null), null);
    Rig.enroll(hubConfig, "taxi-mk", Role.TAXI, dir);
    Ledger ledger = new Ledger();
    try (TestMosquitto mosquitto = TestMosquitto.start(hubConfig, port, dir);
        Hub hub = Hub.start(hubConfig);
        Agent agent = Agent.start(Rig.taxi(dir, "taxi-mk", url, Duration.ofSeconds(3), null), "test")) {
      List<UsageEvent> backlog = IntStream.range(0, BACKLOG).<UsageEvent>mapToObj(i -> Ledger.ride("mk-" + i)).toList();
      assertInstanceOf(Appended.Committed.class, agent.outbox().appendAll(backlog, TerminalClock.system().now()));
      backlog.forEach(ledger::committed);
      for (int kill = 0; kill < KILLS; kill++) {
        long before = agent.outbox().depth();
        await("ingest under way before kill " + kill).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> agent.outbox().depth() < before);
        mosquitto.kill();
        assertTrue(agent.outbox().depth() > 0, "the kill came before the backlog was through (kill " + kill + ")");
        mosquitto.restart();
      }
      await("the rest of the backlog after the kills").atMost(Duration.ofSeconds(120)).until(() -> agent.outbox().depth() == 0);
      assertEquals(new Ledger.Verdict(BACKLOG, BACKLOG, 0, 0, 0), ledger.check(hub, "taxi-mk"));
    }
  }
}
