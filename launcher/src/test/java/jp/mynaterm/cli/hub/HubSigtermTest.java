package jp.mynaterm.cli.hub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import jp.mynaterm.cli.TerminalAlone;
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
import jp.mynaterm.testsupport.RoleProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mynaterm hub} as its own process, stopped by SIGTERM while a terminal is sending: the process
 * ends, and every event the hub acknowledged is in its store (the last batch's
 * commit is not cut off).
 */
class HubSigtermTest {
  private static final String CITY = TerminalAlone.CITY;
  private static final String TERMINAL = "taxi-sigterm";

  @TempDir Path dir;

  @Test
  void sigtermStopsTheHubWithEveryAcknowledgedEventStored() throws Exception {
    Path yaml = TerminalAlone.hubYaml(dir);
    HubConfig config = new ConfigLoader().load(yaml, HubConfig.class);
    PkiFixtures.hub(config);
    var tls = PkiFixtures.terminal(config, TERMINAL, Role.TAXI, dir.resolve("taxi"));

    Set<Long> acked = new ConcurrentSkipListSet<>();
    Topics topics = new Topics(CITY);
    MessageCodec codec = new MessageCodec();
    MqttSession.Options options = MqttSession.Options.builder("ssl://127.0.0.1:" + config.broker().port(), TERMINAL).tls(tls).subscribe(topics.down(TERMINAL, Topics.Down.ACKS)).build();
    try (RoleProcess hub = RoleProcess.start("hub", dir.resolve("hub.log"), "--config", yaml.toString());
        MqttSession terminal = new MqttSession(options, (topic, m, ack) -> {
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
      // Ingest acks while Hub.start() still runs; the stop this is about is the started hub's (before
      // that, SIGTERM ends the JVM at once, and only the commit-before-ack order keeps the promise).
      await("the hub has started").atMost(Duration.ofMinutes(1)).until(() -> hub.output().contains("started: hub "));
      hub.stopBySigterm();
      sender.interrupt();
    }
    try (Database db = Database.open(config.storage())) {
      List<Long> stored = new EventRepository(db).sequences(TERMINAL);
      assertTrue(stored.containsAll(acked), "acknowledged but not stored: " + acked.stream().filter(s -> !stored.contains(s)).limit(20).toList());
    }
  }
}
