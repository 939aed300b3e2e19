package jp.mynaterm.agent.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub process, and with it its embedded broker, killed with SIGKILL in the middle of ingesting
 * a terminal's backlog, three times: no commit, no ack, no broker session survives the kill. A hub
 * started again on the same data directory then takes the rest; every event is stored once.
 */
class HubKillNineTest {
  /**
   * Enough that each of the three hubs is killed with some of it still queued: a hub that checkpoints
   * beside its writer took the last 10,000 of 20,000 before the third kill could come.
   */
  private static final int BACKLOG = 60_000;
  private static final int KILLS = 3;
  @TempDir Path dir;

  @Test
  @Timeout(300)
  void killingTheHubAndItsBrokerMidBatchLosesAndDoublesNothing() throws Exception {
    int port = Rig.freePort();
    HubConfig hubConfig = Rig.hubConfig(dir.resolve("hub"), port);
    String url = Rig.enroll(hubConfig, "taxi-hk", Role.TAXI, dir);
    Ledger ledger = new Ledger();
    try (Agent agent = Agent.start(Rig.taxi(dir, "taxi-hk", url, Duration.ofSeconds(3), null), "test")) {
      List<UsageEvent> backlog = IntStream.range(0, BACKLOG).<UsageEvent>mapToObj(i -> Ledger.ride("hk-" + i)).toList();
      assertInstanceOf(Appended.Committed.class, agent.outbox().appendAll(backlog, TerminalClock.system().now()));
      backlog.forEach(ledger::committed);
      for (int kill = 0; kill < KILLS; kill++) {
        long before = agent.outbox().depth();
        Process hub = new ProcessBuilder(Shell.java("hub.options", List.of(), HubProcess.class, hubConfig.hub().dataPath().toString(), Integer.toString(port)))
            .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("hub.log").toFile())).start();
        try {
          BufferedReader out = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
          String line = out.readLine();
          assertTrue(line != null && line.startsWith("started"), "hub process started: " + line);
          // Acks are coming back: the hub is committing batches of the backlog; kill it in the middle.
          await("hub " + kill + " ingests").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> agent.outbox().depth() < before);
        } finally {
          hub.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of storage or broker
          hub.waitFor();
        }
        assertTrue(agent.outbox().depth() > 0, "the kill came before the backlog was through (kill " + kill + ")");
      }
      try (Hub hub = Hub.start(hubConfig)) {
        await("the rest of the backlog after the kills").atMost(Duration.ofSeconds(120)).until(() -> agent.outbox().depth() == 0);
        Ledger.Verdict verdict = ledger.check(hub, "taxi-hk");
        assertEquals(new Ledger.Verdict(BACKLOG, BACKLOG, 0, 0, 0), verdict);
      }
    }
  }
}
