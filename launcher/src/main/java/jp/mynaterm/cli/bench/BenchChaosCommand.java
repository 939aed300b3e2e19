package jp.mynaterm.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExampleConfigs;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.cli.Main;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.HubSettings;
import jp.mynaterm.config.MqttSettings;
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.config.TerminalSettings;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.pki.LocalEnrollment;
import jp.mynaterm.hub.pki.PkiRefused;
import jp.mynaterm.hub.pki.TerminalPki;
import jp.mynaterm.hub.storage.StoredEvent;
import jp.mynaterm.hub.storage.ThrowawayPostgres;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.time.SteppedClock;
import jp.mynaterm.protocol.time.TerminalClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Simulated terminals record rides while faults happen in a seeded random order: the hub process
 * killed with SIGKILL (`./mynaterm hub` in its own JVM), Debian's Mosquitto (the broker between them)
 * killed with SIGKILL, a terminal's wall clock set back or forward an hour, and (as root, with
 * PostgreSQL 15 installed) the hub's PostgreSQL restarted. At the end every terminal drains and the
 * hub's store is compared with what the terminals said OK for, by event id and content. Disk full,
 * partition and power cut need per-terminal mounts and namespaces around in-process terminals; they
 * are the fault tests in terminal-agent's {@code faults} package.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, description = "Terminals record while the hub, the broker and clocks fail at random.")
final class BenchChaosCommand extends Benchmark {
  private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
  private static final String TYPE = EventTypes.of(ride("x", 0));

  @Option(names = "--faults", defaultValue = "100", description = "Faults to inject (default: ${DEFAULT-VALUE}).")
  int faults;

  @Option(names = "--seed", description = "Seed of the fault order (default: random, printed).")
  Long seed;

  @Option(names = "--terminals", defaultValue = "20", description = "Simulated terminals (default: ${DEFAULT-VALUE}).")
  int terminals;

  enum Fault {
    HUB_KILL,
    BROKER_KILL,
    CLOCK_BACK,
    CLOCK_FORWARD,
    /** Only when the hub's storage is PostgreSQL (root with PostgreSQL 15 installed). */
    POSTGRES_RESTART
  }

  /** Event id → content, for every event a terminal said OK for. */
  private final Map<String, String> committed = new ConcurrentHashMap<>();

  @Override
  ResultLine measure() throws Exception {
    if (faults < 1) throw new CommandFailure(ExitCodes.USAGE, "--faults must be positive");
    if (terminals < 1) throw new CommandFailure(ExitCodes.USAGE, "--terminals must be positive");
    if (!Files.isExecutable(MOSQUITTO)) throw new CommandFailure(ExitCodes.FAILURE, "bench chaos kills Debian's Mosquitto: install mosquitto (" + MOSQUITTO + ")");
    long s = seed != null ? seed : new Random().nextLong();
    Random random = new Random(s);
    System.out.printf("chaos: %d terminals, %d faults, seed %d%n", terminals, faults, s);
    long start = System.nanoTime();
    boolean root = "root".equals(System.getProperty("user.name"));
    ThrowawayPostgres postgres = root && ThrowawayPostgres.installed() ? ThrowawayPostgres.start() : null;
    List<Fault> draw = new ArrayList<>(List.of(Fault.values()));
    if (postgres == null) {
      draw.remove(Fault.POSTGRES_RESTART);
      System.out.println("hub storage: SQLite (PostgreSQL restarts need root and PostgreSQL 15)");
    } else {
      System.out.println("hub storage: a throw-away PostgreSQL 15, restarted as one of the faults");
    }
    try (Scratch dir = Scratch.create("chaos");
        AutoCloseable stopPostgres = () -> {
          if (postgres != null) postgres.close();
        }) {
      int port = Scratch.freePort();
      String url = "ssl://127.0.0.1:" + port;
      String jdbc = postgres == null ? null : postgres.createDatabase("chaos") + "?user=postgres";
      HubConfig hubConfig = new HubConfig(Role.HUB, BenchHub.CITY, new HubSettings("hub-1", dir.resolve("hub").toString(), null),
          new BrokerSettings(false, null, null, url, null, null, null, null), new StorageSettings(jdbc, null, null), new HttpSettings(null, 0), null, null, true);
      TerminalPki pki = ExampleConfigs.hubPki(hubConfig);
      Child broker = new Child("mosquitto", mosquitto(dir, hubConfig, port), dir.resolve("mosquitto.log"));
      Child hub = new Child("hub", hubProcess(dir, hubConfig, url, jdbc), dir.resolve("hub.log"));
      List<Agent> agents = new ArrayList<>();
      List<SteppedClock> clocks = new ArrayList<>();
      AtomicBoolean recording = new AtomicBoolean(true);
      List<Thread> producers = new ArrayList<>();
      Map<Fault, Integer> done = new EnumMap<>(Fault.class);
      try {
        broker.start();
        hub.start();
        for (int t = 0; t < terminals; t++) {
          String id = "chaos-" + t;
          Path data = dir.resolve("terminals").resolve(id);
          LocalEnrollment.enroll(pki, id, Role.TAXI, data.resolve("tls"));
          SteppedClock clock = new SteppedClock();
          Agent agent = Agent.start(taxi(id, data, url), "chaos", TerminalClock.of(clock, "chaos-boot-" + t, true));
          agents.add(agent);
          clocks.add(clock);
          producers.add(Thread.ofVirtual().name(id).start(() -> produce(agent, recording)));
        }
        Await.until(Duration.ofSeconds(120), () -> acknowledged(agents) > 0, "the first events reach the hub");
        for (int f = 0; f < faults; f++) {
          Fault fault = draw.get(random.nextInt(draw.size()));
          Thread.sleep(random.nextInt(2000)); // a random moment of the traffic, not a wait for anything
          long before = acknowledged(agents);
          switch (fault) {
            case HUB_KILL -> hub.killAndRestart();
            case BROKER_KILL -> broker.killAndRestart();
            case CLOCK_BACK -> clocks.get(random.nextInt(terminals)).step(Duration.ofHours(-1));
            case CLOCK_FORWARD -> clocks.get(random.nextInt(terminals)).step(Duration.ofHours(1));
            case POSTGRES_RESTART -> {
              postgres.stopServer();
              postgres.startServer();
            }
          }
          done.merge(fault, 1, Integer::sum);
          System.out.printf("fault %d/%d: %s%n", f + 1, faults, fault);
          // Recovered: the hub acknowledges again before the next fault (by more than one event a terminal, which
          // the race between a commit and its note in the ledger could account for).
          Await.until(Duration.ofSeconds(120), () -> acknowledged(agents) > before + terminals, "the hub acknowledges again after fault " + (f + 1) + " (" + fault + ")");
        }
        recording.set(false);
        for (Thread p : producers) p.join();
        Await.until(Duration.ofMinutes(5), () -> agents.stream().allMatch(a -> a.outbox().depth() == 0), "every terminal's outbox drains");
      } finally {
        recording.set(false);
        for (Agent a : agents) a.close();
        hub.stop();
      }
      System.out.printf("faults injected: %s%n", done);
      Counted counted;
      try (Hub store = Hub.start(hubConfig)) {
        counted = count(store, agents.size());
      } finally {
        broker.stop();
      }
      double minutes = (System.nanoTime() - start) / 60e9;
      System.out.printf("terminals said OK for %d events; the hub stored %d; lost %d, duplicated %d, altered %d (by event id and content)%n",
          committed.size(), counted.stored, counted.lost, counted.duplicated, counted.altered);
      return ResultLine.of("chaos").count("faults", faults).count("seed", s).count("committed", committed.size()).count("stored", counted.stored)
          .count("lost", counted.lost).count("duplicated", counted.duplicated).figure("minutes", minutes, 1)
          .failIf(counted.lost > 0 || counted.duplicated > 0 || counted.altered > 0);
    }
  }

  /** One terminal's traffic: a ride every 50 ms, each with its own id, recorded as said-OK when committed. */
  private void produce(Agent agent, AtomicBoolean recording) {
    for (int n = 0; recording.get(); n++) {
      RideBoarded ride = ride(agent.terminal() + "-" + n, n);
      if (agent.record(ride) instanceof Appended.Committed) committed.put(ride.shift(), MessageCodec.write(ride));
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** A ride whose shift field is its event id; the fare varies so content differs between events. */
  private static RideBoarded ride(String id, int n) {
    return new RideBoarded(new CardId("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "noriai-1", id, "adult", 100 + n % 500, null, false);
  }

  private record Counted(int stored, int lost, int duplicated, int altered) {}

  private Counted count(Hub store, int terminalCount) throws SQLException {
    Map<String, Integer> times = new HashMap<>();
    int stored = 0;
    int altered = 0;
    for (int t = 0; t < terminalCount; t++) {
      for (StoredEvent e : store.events().after("chaos-" + t, 0, List.of(TYPE), Integer.MAX_VALUE)) {
        stored++;
        RideBoarded ride = (RideBoarded) e.record().event();
        times.merge(ride.shift(), 1, Integer::sum);
        String content = committed.get(ride.shift());
        if (content != null && !content.equals(MessageCodec.write(ride))) altered++;
      }
    }
    int lost = (int) committed.keySet().stream().filter(id -> !times.containsKey(id)).count();
    int duplicated = times.values().stream().mapToInt(n -> n - 1).sum();
    return new Counted(stored, lost, duplicated, altered);
  }

  /** Events the hub has acknowledged so far, over all terminals (said OK for minus still in an outbox). */
  private long acknowledged(List<Agent> agents) {
    long waiting = agents.stream().mapToLong(a -> a.outbox().depth()).sum();
    return committed.size() - waiting;
  }

  private static TaxiConfig taxi(String id, Path data, String url) {
    MqttSettings mqtt = new MqttSettings(url, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(2), null, null);
    return new TaxiConfig(Role.TAXI, BenchHub.CITY, new TerminalSettings(id, data.toString(), Duration.ofHours(1), null), mqtt, new OutboxSettings(null, null), null, null, null, true);
  }

  /** Mosquitto as deploy/mosquitto/mosquitto.conf configures it for a city, on this run's PKI and port, in memory only. */
  private static List<String> mosquitto(Scratch dir, HubConfig hub, int port) throws IOException {
    Path pki = TerminalPki.in(hub.hub().dataPath()).toAbsolutePath();
    String deployed = Files.readString(Launch.home().resolve("deploy/mosquitto/mosquitto.conf"));
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, deployed.replace("/opt/mynaterm/var/hub-1/pki/", pki + "/").replace("listener 8883\n", "listener " + port + " 127.0.0.1\n")
        + "user root\npersistence false\n");
    return List.of(MOSQUITTO.toString(), "-c", conf.toString());
  }

  /** `./mynaterm hub` in its own JVM with the hub's production flags. */
  private static List<String> hubProcess(Scratch dir, HubConfig hub, String url, String jdbc) throws IOException {
    Path config = dir.resolve("hub.yaml");
    Files.writeString(config, """
        role: hub
        development: true
        municipality: "%s"
        hub:
          id: hub-1
          dataDir: %s
        broker:
          embedded: false
          url: %s
        http:
          port: 0
        %s
        """.formatted(BenchHub.CITY, hub.hub().dataPath().toAbsolutePath(), url, jdbc == null ? "" : "storage:\n  url: \"" + jdbc + "\""));
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + Launch.home().resolve("config/jvm/cli.options"),
        "@" + Launch.home().resolve("config/jvm/hub.options"), "-Dmynaterm.home=" + Launch.home(), "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "hub", "--config", config.toString());
  }

  /** A process the benchmark kills with SIGKILL and starts again. */
  private static final class Child {
    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;

    Child(String name, List<String> command, Path log) {
      this.name = name;
      this.command = command;
      this.log = log;
    }

    void start() throws IOException {
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    void killAndRestart() throws IOException, InterruptedException {
      process.destroyForcibly(); // SIGKILL
      process.waitFor();
      start();
    }

    void stop() throws InterruptedException {
      if (process == null) return;
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        System.out.printf("%s did not stop within 20 s of SIGTERM; killed%n", name);
        process.destroyForcibly().waitFor();
      }
    }
  }
}
