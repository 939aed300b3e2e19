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
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.time.TerminalClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One agent, started as {@code ./mynaterm agent} starts it (scripts/lib.sh run_java: the production
 * flags, a terminal's class path), connects with a backlog queued while it was offline; measures the time until the hub has acknowledged all of it (an
 * event leaves the outbox only on the hub's ack), the agent's peak resident memory and its CPU time.
 * Baselines in the same run: the same agent JVM idle with an empty outbox, and the same backlog
 * drained into the same kind of hub over a plaintext broker ({@code tls_ratio}), after one unmeasured
 * drain of the same size through each hub: a hub runs for months, and its just-in-time compiler, not
 * yet done with the code of the first drains it meets, took a core of this two-core machine from the
 * agent for most of a drain ({@code hub_jit_ms}: what it still compiled during the measured TLS one).
 * One such drain, not bench ingest's rounds until the compilers settle: here the agent, a fresh JVM
 * with C1 alone, sets the pace (30,000 events/s on a quiet machine, where a settled hub takes 50,000 in
 * bench ingest), and what the hub still compiles is printed beside it.
 */
@Command(name = "drain", mixinStandardHelpOptions = true, description = "One agent drains 100,000 events queued offline.")
final class BenchDrainCommand extends Benchmark {
  @Option(names = "--events", defaultValue = "100000", description = "Events queued offline (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--agent-option", description = "An extra JVM flag for the agents, after the production ones (repeatable), e.g. -XX:NativeMemoryTracking=summary or -XX:StartFlightRecording=filename=drain.jfr to see where memory or time goes.")
  List<String> agentOptions = new ArrayList<>();

  private long jitMs;

  @Override
  ResultLine measure() throws Exception {
    try (BenchHub bench = BenchHub.start("drain")) {
      Path idleDir = bench.dir.resolve("idle");
      Drained tls;
      Drained plain;
      System.out.printf("%d events queued offline; hub on %s%n", events, bench.hub.brokerUrl());

      // Baseline: the same agent JVM with nothing to send, after it has connected and settled.
      Process idle = launch(bench, "drain-idle", idleDir, agentOptions);
      try {
        Await.until(Duration.ofSeconds(60), () -> statusSeen(bench, "drain-idle"), "the idle agent connects");
        Thread.sleep(2000); // let it settle: the baseline is an agent at rest
        System.out.printf("baseline, idle agent (empty outbox): rss %.1f MiB, peak %.1f MiB%n", rssMiB(idle, "VmRSS"), rssMiB(idle, "VmHWM"));
      } finally {
        stop(idle);
      }

      try (BenchHub plainHub = BenchHub.startPlaintext("drain")) {
        // Both hubs run in this JVM: whichever drain came first also paid for compiling the hub's code
        // (measured: twice the hub's CPU for the first of two equal drains; after a drain of a fifth of
        // the events the compiler still took 15% of the machine during the measured ones). An unmeasured
        // drain of the same size through each first, so the two measured ones meet warm, compiled code.
        drain(bench, "warm-1", events);
        drain(plainHub, "warm-1", events);
        long jitBefore = compilerMs();
        tls = drain(bench, "drain-1", events);
        jitMs = compilerMs() - jitBefore;
        plain = drain(plainHub, "drain-1", events);
      }
      double eps = events / tls.seconds();
      System.out.printf("drained: hub holds %d of %d events (%d repeats ignored); agent peak rss %.1f MiB, agent cpu %.2f s, hub and broker cpu %.2f s%n", tls.stored(), events, bench.hub.ingest().repeats(), tls.peakMiB(), tls.cpuSeconds(), tls.hubCpuSeconds());
      double plainEps = events / plain.seconds();
      System.out.printf("baseline, the same backlog drained into a hub over a plaintext broker (no TLS): %.0f events/s, agent cpu %.2f s, hub and broker cpu %.2f s; TLS/plaintext %.2f (goal >= 0.85)%n", plainEps, plain.cpuSeconds(), plain.hubCpuSeconds(), eps / plainEps);
      // agent_cpu_s: what the agent itself spent (user + system), which other load on the machine changes far less than eps.
      return ResultLine.of("drain").count("events", events).figure("seconds", tls.seconds(), 2).figure("eps", eps, 0).figure("agent_start_s", tls.startSeconds(), 2).figure("agent_rss_mb", tls.peakMiB(), 1)
          .figure("agent_cpu_s", tls.cpuSeconds(), 2).figure("hub_jit_ms", jitMs, 0).figure("plain_eps", plainEps, 0).figure("plain_agent_cpu_s", plain.cpuSeconds(), 2).figure("tls_ratio", eps / plainEps, 2)
          .failIf(tls.stored() != events || plain.stored() != events);
    }
  }

  /**
   * @param startSeconds from the agent's launch until the hub had its birth message (JVM start, reading its
   *     configuration and files, the TLS handshake): part of {@code seconds}
   * @param hubCpuSeconds what this JVM (the hub and its broker, and the bench's polling) spent meanwhile */
  private record Drained(double seconds, double startSeconds, double peakMiB, double cpuSeconds, double hubCpuSeconds, long stored) {}

  /** An agent {@code id} started with {@code events} queued offline, timed until its outbox is empty. */
  private Drained drain(BenchHub bench, String id, int events) throws Exception {
    Path drainDir = bench.dir.resolve(id);
    fill(drainDir.resolve("outbox.db"), events);
    long start = System.nanoTime();
    double hubCpuBefore = ownCpuSeconds();
    Process agent = launch(bench, id, drainDir, agentOptions);
    double seconds;
    double peak;
    double cpu;
    double hubCpu;
    long stored;
    long[] connected = {0};
    try (Connection outbox = DriverManager.getConnection("jdbc:sqlite:" + drainDir.resolve("outbox.db"))) {
      Await.until(Duration.ofMinutes(10), () -> {
        if (connected[0] == 0 && statusSeen(bench, id)) connected[0] = System.nanoTime(); // its birth message is in
        return empty(outbox);
      }, "the outbox drains");
      seconds = (System.nanoTime() - start) / 1e9;
      peak = rssMiB(agent, "VmHWM");
      cpu = agent.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
      hubCpu = ownCpuSeconds() - hubCpuBefore;
      // The queued events only, sequences 1 to events: the running taxi may record some of its own after
      // them (its shift closed when it stops, or by the simulated driver's button), stored as well.
      stored = bench.hub.events().sequences(id).stream().filter(seq -> seq <= events).count();
    } finally {
      stop(agent);
    }
    double startSeconds = connected[0] == 0 ? Double.NaN : (connected[0] - start) / 1e9;
    System.out.printf("%s: connected %.2f s after its launch, drained %.2f s after that%n", id, startSeconds, seconds - startSeconds);
    return new Drained(seconds, startSeconds, peak, cpu, hubCpu, stored);
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

  /** `./mynaterm agent` in its own JVM, as the launcher starts it. */
  private static Process launch(BenchHub bench, String id, Path dataDir, List<String> extraFlags) throws IOException {
    Files.createDirectories(dataDir);
    try {
      jp.mynaterm.hub.pki.LocalEnrollment.enroll(ExampleConfigs.hubPki(bench.hub.config()), id, jp.mynaterm.config.Role.TAXI, dataDir.resolve("tls"));
    } catch (jp.mynaterm.hub.pki.PkiRefused e) {
      throw new CommandFailure(ExitCodes.FAILURE, "enrolling " + id + ": " + e.getMessage());
    }
    // Card trust from a PEM file, as a city's terminal has it (the virtual cards' root): left empty, a
    // development agent would open the virtual card PKI's key store, a start-up cost no city pays.
    Path anchors = jp.mynaterm.hardware.card.virtual.VirtualCardPki.openOrCreate(Launch.virtualCardPki()).directory().resolve(jp.mynaterm.hardware.card.virtual.VirtualCardPki.TRUST_ANCHORS);
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
        card:
          trustAnchors: %s
        """
            .formatted(BenchHub.CITY, id, dataDir, bench.hub.brokerUrl(), anchors));
    // Started as ./mynaterm agent starts it (scripts/lib.sh run_java: its flags for this JDK, a terminal's
    // class path, SQLite's native library), which execs the JVM: the process is the agent's JVM.
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". \"$0\" && find_jdk && run_java \"$@\"", launcherScript().toString(),
        "agent", "--role", "taxi", "--config", config.toString());
    pb.environment().putIfAbsent("MYNATERM_ROOT", Launch.home().toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("MYNATERM_JAVA_OPTS", String.join(" ", extraFlags));
    return pb.redirectErrorStream(true).redirectOutput(dataDir.resolve("agent.log").toFile()).start();
  }

  /** scripts/lib.sh in a checkout; lib.sh beside the jars in an installed package. */
  private static Path launcherScript() {
    Path root = Path.of(System.getenv().getOrDefault("MYNATERM_ROOT", Launch.home().toString()));
    Path checkout = root.resolve("scripts/lib.sh");
    return java.nio.file.Files.isRegularFile(checkout) ? checkout : root.resolve("lib.sh");
  }

  private static boolean statusSeen(BenchHub bench, String id) {
    try {
      return bench.hub.terminals().statusKinds().containsKey(id);
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  /**
   * Whether the agent's outbox is empty: one row looked up on one open connection, so polling every few
   * milliseconds costs the agent next to nothing (counting 100,000 rows on a new connection each time
   * took CPU from the agent and the hub on a two-core machine).
   */
  private static boolean empty(Connection outbox) {
    try (Statement s = outbox.createStatement();
        ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM outbox)")) {
      return rs.getBoolean(1);
    } catch (java.sql.SQLException e) {
      return false; // busy while the agent writes: ask again
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
