package jp.mynaterm.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.cli.ExampleConfigs;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.agent.outbox.Outbox;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.cli.Main;
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.time.TerminalClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One agent, in its own JVM with the production flags (config/jvm/agent.options), connects with a
 * backlog queued while it was offline; measures the time until the hub has acknowledged all of it and
 * the agent's peak resident memory. Baseline in the same run: the same agent JVM idle with an empty
 * outbox.
 */
@Command(name = "drain", mixinStandardHelpOptions = true, description = "One agent drains 100,000 events queued offline.")
final class BenchDrainCommand extends Benchmark {
  @Option(names = "--events", defaultValue = "100000", description = "Events queued offline (default: ${DEFAULT-VALUE}).")
  int events;

  @Override
  ResultLine measure() throws Exception {
    try (BenchHub bench = BenchHub.start("drain")) {
      Path idleDir = bench.dir.resolve("idle");
      System.out.printf("%d events queued offline; hub on %s%n", events, bench.hub.brokerUrl());

      // Baseline: the same agent JVM with nothing to send, after it has connected and settled.
      Process idle = launch(bench, "drain-idle", idleDir);
      try {
        Await.until(Duration.ofSeconds(60), () -> statusSeen(bench, "drain-idle"), "the idle agent connects");
        Thread.sleep(2000); // let it settle: the baseline is an agent at rest
        System.out.printf("baseline, idle agent (empty outbox): rss %.1f MiB, peak %.1f MiB%n", rssMiB(idle, "VmRSS"), rssMiB(idle, "VmHWM"));
      } finally {
        stop(idle);
      }

      Drained tls = drain(bench);
      double eps = events / tls.seconds();
      System.out.printf("drained: hub holds %d of %d events (%d repeats ignored); agent peak rss %.1f MiB%n", tls.stored(), events, bench.hub.ingest().repeats(), tls.peakMiB());
      Drained plain;
      try (BenchHub plainHub = BenchHub.startPlaintext("drain")) {
        plain = drain(plainHub);
      }
      double plainEps = events / plain.seconds();
      System.out.printf("baseline, the same backlog drained into a hub over a plaintext broker (no TLS): %.0f events/s; TLS/plaintext %.2f (goal >= 0.85)%n", plainEps, eps / plainEps);
      return ResultLine.of("drain").count("events", events).figure("seconds", tls.seconds(), 2).figure("eps", eps, 0).figure("agent_rss_mb", tls.peakMiB(), 1)
          .figure("plain_eps", plainEps, 0).figure("tls_ratio", eps / plainEps, 2)
          .failIf(tls.stored() != events || plain.stored() != events);
    }
  }

  private record Drained(double seconds, double peakMiB, long stored) {}

  /** An agent started with {@code events} queued offline, timed until its outbox is empty. */
  private Drained drain(BenchHub bench) throws Exception {
    Path drainDir = bench.dir.resolve("drain");
    fill(drainDir.resolve("outbox.db"), events);
    long start = System.nanoTime();
    Process agent = launch(bench, "drain-1", drainDir);
    double seconds;
    double peak;
    try {
      Await.until(Duration.ofMinutes(10), () -> outboxDepth(drainDir.resolve("outbox.db")) == 0, "the outbox drains");
      seconds = (System.nanoTime() - start) / 1e9;
      peak = rssMiB(agent, "VmHWM");
    } finally {
      stop(agent);
    }
    return new Drained(seconds, peak, bench.hub.events().sequences("drain-1").size());
  }

  private static void fill(Path outboxFile, int events) throws IOException {
    TerminalClock clock = TerminalClock.system();
    try (Outbox outbox = Outbox.open(outboxFile, new OutboxSettings((long) Math.max(events, 10), null))) {
      for (int done = 0; done < events; ) {
        List<UsageEvent> chunk = new ArrayList<>();
        for (int i = 0; i < 10_000 && done < events; i++, done++) {
          chunk.add(new RideBoarded(new CardId("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "noriai-1", "shift-" + (done / 100), "adult", 300, null, false));
        }
        if (outbox.appendAll(chunk, clock.now()) instanceof Appended.Refused r) {
          throw new CommandFailure(ExitCodes.FAILURE, "could not queue events: " + r.detail());
        }
      }
    }
  }

  /** `./mynaterm agent` in its own JVM, with the agent's production flags. */
  private static Process launch(BenchHub bench, String id, Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    try {
      jp.mynaterm.hub.pki.LocalEnrollment.enroll(ExampleConfigs.hubPki(bench.hub.config()), id, jp.mynaterm.config.Role.TAXI, dataDir.resolve("tls"));
    } catch (jp.mynaterm.hub.pki.PkiRefused e) {
      throw new CommandFailure(ExitCodes.FAILURE, "enrolling " + id + ": " + e.getMessage());
    }
    Path config = dataDir.resolve("agent.yaml");
    Files.writeString(
        config,
        """
        role: taxi
        development: true
        municipality: "%s"
        terminal:
          id: %s
          dataDir: %s
          heartbeat: 60s
        mqtt:
          url: %s
        """
            .formatted(BenchHub.CITY, id, dataDir, bench.hub.brokerUrl()));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("@" + Launch.home().resolve("config/jvm/cli.options"));
    cmd.add("@" + Launch.home().resolve("config/jvm/agent.options"));
    cmd.add("-Dmynaterm.home=" + Launch.home());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.add("agent");
    cmd.add("--role");
    cmd.add("taxi");
    cmd.add("--config");
    cmd.add(config.toString());
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dataDir.resolve("agent.log").toFile()).start();
  }

  private static boolean statusSeen(BenchHub bench, String id) {
    try {
      return bench.hub.terminals().statusKinds().containsKey(id);
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  private static long outboxDepth(Path file) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox")) {
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      return -1;
    }
  }

  /** A line of /proc/PID/status in MiB: VmRSS now, VmHWM the peak. */
  private static double rssMiB(Process p, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
      if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
    }
    throw new IOException(field + " not found for process " + p.pid());
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
  }
}
