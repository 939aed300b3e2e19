package jp.mynaterm.agent.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.hub.Hub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Power cuts: the agent process is killed with SIGKILL in the middle of a burst, again and again. */
class KillNineTest {
  private static final int ROUNDS = 20;
  @TempDir Path dir;

  @Test
  void everyCommittedEventReachesTheHubExactlyOnceAcrossTwentyKills() throws Exception {
    int port = Rig.freePort();
    var hubConfig = Rig.hubConfig(dir.resolve("hub"), port);
    String url = Rig.enroll(hubConfig, "taxi-k", jp.mynaterm.config.Role.TAXI, dir);
    TreeSet<Long> committed = new TreeSet<>();
    try (Hub hub = Hub.start(hubConfig)) {
      for (int round = 0; round < ROUNDS; round++) {
        int killAfter = ThreadLocalRandom.current().nextInt(20, 120);
        Process p = launch(url);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          int seen = 0;
          String line;
          while (seen < killAfter && (line = out.readLine()) != null) {
            if (line.startsWith("committed ")) {
              committed.add(Long.parseLong(line.substring(10).trim()));
              seen++;
            }
          }
          assertEquals(killAfter, seen, "agent process ended early in round " + round);
          p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no clean close
          p.waitFor();
        }
      }
      // The last run drains what the killed ones left in the outbox.
      try (Agent agent = Agent.start(Rig.taxi(dir, "taxi-k", url), "test")) {
        long last = committed.last();
        await("outbox drains").atMost(Duration.ofSeconds(60)).until(() -> agent.outbox().depth() == 0);
        List<Long> stored = Rig.seqs(hub, "taxi-k");
        long max = stored.get(stored.size() - 1);
        assertTrue(max >= last, "hub has up to " + max + ", agent committed up to " + last);
        // Exactly once: every sequence from 1 to the highest, each one time, none missing.
        assertEquals(LongStream.rangeClosed(1, max).boxed().toList(), stored);
        assertTrue(stored.containsAll(committed));
      }
    }
  }

  private Process launch(String url) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("@" + Path.of(System.getProperty("mynaterm.home", "..")).resolve("config/jvm/agent.options").toAbsolutePath().normalize());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(AgentProcess.class.getName());
    cmd.add(dir.toString());
    cmd.add("taxi-k");
    cmd.add(url);
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }
}
