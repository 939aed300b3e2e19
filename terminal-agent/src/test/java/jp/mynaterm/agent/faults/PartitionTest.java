package jp.mynaterm.agent.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.broker.trust.MosquittoAcl;
import jp.mynaterm.hub.pki.TerminalPki;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network partition between a terminal and the broker, half-open: the terminal runs in a network
 * namespace joined to the hub's by a veth pair; the partition points each side's neighbour entry at
 * a MAC address nobody has, so every packet is silently dropped by the other side, links stay up,
 * nothing is refused and no connection is reset. "Minutes" compressed: keepalive 2 s, partition
 * 20 s, ten keepalive intervals, as a 5-minute partition is for a 30 s keepalive.
 */
class PartitionTest {
  private static final Duration KEEPALIVE = Duration.ofSeconds(2);
  private static final Duration PARTITION = Duration.ofSeconds(20);
  private static final String NOBODY = "02:00:00:13:13:13";
  @TempDir Path dir;

  @Test
  @Timeout(240)
  void aHalfOpenPartitionIsNoticedByKeepaliveAndLosesAndDoublesNothing() throws Exception {
    RealComponent.ROOT.require(RealComponent.isRoot(), "network namespaces need root");
    int n = ThreadLocalRandom.current().nextInt(1, 250);
    String ns = "mtfault" + n;
    String hostIf = "mtf" + n + "h";
    String nsIf = "mtf" + n + "n";
    String hostIp = "10.213." + n + ".1";
    String nsIp = "10.213." + n + ".2";
    Shell.quietly("ip", "netns", "del", ns);
    Shell.quietly("ip", "link", "del", hostIf);
    Process terminal = null;
    try {
      Shell.run("ip", "netns", "add", ns);
      Shell.run("ip", "link", "add", hostIf, "type", "veth", "peer", "name", nsIf);
      Shell.run("ip", "link", "set", nsIf, "netns", ns);
      Shell.run("ip", "addr", "add", hostIp + "/30", "dev", hostIf);
      Shell.run("ip", "link", "set", hostIf, "up");
      Shell.run("ip", "-n", ns, "addr", "add", nsIp + "/30", "dev", nsIf);
      Shell.run("ip", "-n", ns, "link", "set", nsIf, "up");
      Shell.run("ip", "-n", ns, "link", "set", "lo", "up");

      int port = Rig.freePort();
      Path hubDir = dir.resolve("hub");
      // The broker's certificate must name the address the terminal dials.
      TerminalPki.init(TerminalPki.in(hubDir), Rig.CITY, "hub-hub-1", List.of(hostIp), Clock.systemUTC(), MosquittoAcl.EXPORT);
      HubConfig hubConfig = Rig.hubConfig(hubDir, new BrokerSettings(true, hostIp, port, null, null, null, null, null), null);
      String url = Rig.enroll(hubConfig, "taxi-p", Role.TAXI, dir);
      Ledger ledger = new Ledger();
      Queue<String> said = new ConcurrentLinkedQueue<>();
      try (Hub hub = Hub.start(hubConfig)) {
        terminal =
            new ProcessBuilder(
                    Shell.java("agent.options", List.of("ip", "netns", "exec", ns), PartitionedTerminal.class, dir.toString(), "taxi-p", url, Long.toString(KEEPALIVE.toSeconds())))
                .redirectError(dir.resolve("terminal.log").toFile())
                .start();
        Process child = terminal;
        Thread.ofVirtual().start(() -> {
          try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
              if (line.startsWith("committed ")) ledger.committed(line.substring(10).trim());
              else said.add(line);
            }
          } catch (java.io.IOException e) {
            // The process ended; the assertions below say what was missing.
          }
        });
        await("terminal connects through the veth pair").atMost(Duration.ofSeconds(60)).until(() -> said.contains("connected"));
        await("events flow").atMost(Duration.ofSeconds(30)).until(() -> Rig.count(hub) >= 50);

        // Partition: each side's packets go to a MAC address nobody has, and are dropped on arrival.
        Shell.run("ip", "-n", ns, "neigh", "replace", hostIp, "lladdr", NOBODY, "dev", nsIf, "nud", "permanent");
        Shell.run("ip", "neigh", "replace", nsIp, "lladdr", NOBODY, "dev", hostIf, "nud", "permanent");
        long cutAt = System.nanoTime();
        int recordedAtCut = ledger.size();
        await("keepalive notices the silent connection").atMost(PARTITION).until(() -> said.contains("disconnected"));
        // The partition lasts its length; meanwhile the terminal records offline and tries to reconnect.
        await("the partition's length, with the terminal recording offline").atMost(PARTITION.plusSeconds(30))
            .until(() -> System.nanoTime() - cutAt >= PARTITION.toNanos() && ledger.size() > recordedAtCut);

        assertTrue(ledger.size() > recordedAtCut, "the terminal kept recording (offline first) through the partition");
        Shell.run("ip", "-n", ns, "neigh", "del", hostIp, "dev", nsIf);
        Shell.run("ip", "neigh", "del", nsIp, "dev", hostIf);
        await("the terminal reconnects after the partition").atMost(Duration.ofSeconds(60)).until(() -> said.stream().filter("connected"::equals).count() >= 2);
        try (PrintWriter in = new PrintWriter(terminal.getOutputStream(), true, StandardCharsets.UTF_8)) {
          in.println("stop");
        }
        await("the terminal drains its outbox").atMost(Duration.ofSeconds(90)).until(() -> said.stream().anyMatch(s -> s.startsWith("drained ")));
        Ledger.Verdict verdict = ledger.check(hub, "taxi-p");
        assertEquals(new Ledger.Verdict(ledger.size(), verdict.stored(), 0, 0, 0), verdict);
      }
    } finally {
      if (terminal != null) {
        terminal.destroyForcibly();
        terminal.waitFor();
      }
      Shell.quietly("ip", "link", "del", hostIf);
      Shell.quietly("ip", "netns", "del", ns);
    }
  }
}
