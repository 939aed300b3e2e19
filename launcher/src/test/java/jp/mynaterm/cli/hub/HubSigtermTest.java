package jp.mynaterm.cli.hub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.pki.PkiFixtures;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.DecodeResult;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.message.Ack;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Events;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.SeqRange;
import jp.mynaterm.protocol.mqtt.MqttSession;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mynaterm hub} as its own process, stopped by SIGTERM while a terminal is sending: the process
 * ends, and every event the hub acknowledged is in its store (the last batch's commit is not cut off).
 */
class HubSigtermTest {
  private static final String CITY = "212075";
  private static final String TERMINAL = "taxi-sigterm";
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir Path dir;

  @Test
  void sigtermStopsTheHubWithEveryAcknowledgedEventStored() throws Exception {
    Path yaml = dir.resolve("hub.yaml");
    Files.writeString(yaml, """
        role: hub
        development: true
        municipality: "%s"
        hub: { id: hub-1, dataDir: "%s" }
        broker: { embedded: true, host: 127.0.0.1, port: %d }
        http: { host: 127.0.0.1, port: %d }
        """.formatted(CITY, dir.resolve("hub"), freePort(), freePort()));
    HubConfig config = new ConfigLoader().load(yaml, HubConfig.class);
    PkiFixtures.hub(config);
    var tls = PkiFixtures.terminal(config, TERMINAL, Role.TAXI, dir.resolve("taxi"));

    Process hub = launch("hub", "--config", yaml.toString());
    Set<Long> acked = new ConcurrentSkipListSet<>();
    Topics topics = new Topics(CITY);
    MessageCodec codec = new MessageCodec();
    MqttSession.Options options = MqttSession.Options.builder("ssl://127.0.0.1:" + config.broker().port(), TERMINAL).tls(tls).subscribe(topics.down(TERMINAL, Topics.Down.ACKS)).build();
    try (MqttSession terminal = new MqttSession(options, (topic, m, ack) -> {
      if (codec.decode(m.getPayload()) instanceof DecodeResult.Decoded d && d.envelope().body() instanceof Ack a) {
        for (SeqRange r : a.committed()) for (long s = r.from(); s <= r.to(); s++) acked.add(s);
      }
    }).start()) {
      await("the terminal reaches the hub's broker").atMost(Duration.ofMinutes(1)).until(terminal::connected);
      MessageFactory m = new MessageFactory(CITY, TERMINAL, TerminalClock.system());
      // Batches keep coming while the hub is stopped; the first ones acknowledged before the signal.
      Thread sender = Thread.ofVirtual().start(() -> {
        for (long seq = 1; !Thread.currentThread().isInterrupted() && terminal.connected(); seq += 10) {
          List<EventRecord> records = new ArrayList<>();
          for (long s = seq; s < seq + 10; s++) records.add(new EventRecord(s, m.clock().now(), new RideBoarded(new CardId("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "noriai-1", "shift-1", "adult", 300, null, false)));
          terminal.publish(topics.up(TERMINAL, Topics.Up.EVENTS), codec.encode(m.envelope(new Events(records))), false);
        }
      });
      await("the hub acknowledges events").atMost(Duration.ofMinutes(1)).until(() -> acked.size() >= 100);
      long signalled = System.nanoTime();
      hub.destroy(); // SIGTERM
      assertTrue(hub.waitFor(1, TimeUnit.MINUTES), "the hub process did not end after SIGTERM; its output:\n" + output());
      System.out.printf("hub process ended %d ms after SIGTERM, exit %d%n", (System.nanoTime() - signalled) / 1_000_000, hub.exitValue());
      sender.interrupt();
    } finally {
      hub.destroyForcibly();
    }
    try (Database db = Database.open(config.storage())) {
      List<Long> stored = new EventRepository(db).sequences(TERMINAL);
      assertTrue(stored.containsAll(acked), "acknowledged but not stored: " + acked.stream().filter(s -> !stored.contains(s)).limit(20).toList());
    }
  }

  /** The real command line: Main with the hub's JVM flags, as ./mynaterm hub runs it (classes from this build). */
  private Process launch(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("@" + ROOT.resolve("config/jvm/hub.options"));
    cmd.add("-Dmynaterm.home=" + ROOT);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(jp.mynaterm.cli.Main.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("hub.log").toFile()).start();
  }

  private String output() throws java.io.IOException {
    return Files.readString(dir.resolve("hub.log"));
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
