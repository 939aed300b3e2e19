package jp.mynaterm.cli.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jp.mynaterm.cli.TerminalAlone;
import jp.mynaterm.config.Role;
import jp.mynaterm.protocol.event.TapRefused;
import jp.mynaterm.testsupport.RoleProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code mynaterm agent} (a taxi) as its own process, offline, stopped by SIGTERM after a tap: it ends
 * within the stop limit, and the event it committed for the tap is in its outbox, whole.
 */
@ResourceLock("vpcd")
class AgentSigtermTest {
  @TempDir Path dir;

  @Test
  void sigtermStopsTheTaxiAgentWithItsCommittedEventsWhole() throws Exception {
    TerminalAlone.Prepared taxi = TerminalAlone.prepare(dir, "taxi-sigterm", Role.TAXI);
    Path yaml = Files.writeString(dir.resolve("taxi.yaml"), taxi.yamlHead());

    try (RoleProcess agent = RoleProcess.start("agent", dir.resolve("agent.log"), "--role", "taxi", "--config", yaml.toString())) {
      await("the taxi watches its reader").atMost(Duration.ofMinutes(1)).until(() -> agent.output().contains("started: taxi"));
      List<String> before;
      try (var card = TerminalAlone.insert(taxi.pki(), "2")) {
        // No hub has sent the riders' list: the tap is refused, and the refusal committed.
        await("the tap is committed").atMost(Duration.ofSeconds(30)).until(() -> !TerminalAlone.committed(taxi.outbox()).isEmpty());
        before = TerminalAlone.committed(taxi.outbox());
        agent.stopBySigterm();
      }
      assertInstanceOf(TapRefused.class, TerminalAlone.assertCommittedWhole(taxi.outbox(), before).getFirst().event());
    }
  }
}
