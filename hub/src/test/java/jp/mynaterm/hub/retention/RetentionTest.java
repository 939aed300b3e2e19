package jp.mynaterm.hub.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import jp.mynaterm.config.RetentionSettings;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.registry.Registry;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.RefusalReason;
import jp.mynaterm.protocol.event.TapRefused;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.time.Stamp;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
  private static final CardId CARD = CardIds.development().derive(new X500Principal("CN=CA"), BigInteger.ONE);
  private static final CardId OTHER = CardIds.development().derive(new X500Principal("CN=CA"), BigInteger.TWO);
  private static final RetentionSettings SETTINGS = new RetentionSettings(Duration.ofDays(400), Duration.ofDays(2000), Duration.ofDays(400));
  @TempDir Path dir;
  private Database db;
  private EventRepository events;
  private long seq;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null));
    events = new EventRepository(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void arrive(String terminal, UsageEvent e) throws Exception {
    var record = new EventRecord(++seq, new Stamp(Instant.now(), "boot", seq, true), e);
    events.store(List.of(new EventRow(terminal, record)));
  }

  private Retention.Swept sweepAfter(Duration elapsed) throws Exception {
    return new Retention(db, SETTINGS, Clock.fixed(Instant.now().plus(elapsed), ZoneOffset.UTC)).sweep();
  }

  private List<Long> kept(String terminal) throws Exception {
    return events.sequences(terminal);
  }

  @Test
  void usageRecordsGoAfterTheirLimitAndLinksOnlyAfterTheirsOnceApplied() throws Exception {
    arrive("taxi-1", new TapRefused("taxi", CARD, "boarding", RefusalReason.UNKNOWN)); // 1
    var downlink = new Downlink(db, new Topics("212075"), new MessageFactory("212075", "hub-1", TerminalClock.system()), new MessageCodec());
    arrive("counter-1", new CardLinked("taxi", CARD, "R-1", "", Instant.parse("2031-01-01T00:00:00Z"))); // 2
    arrive("counter-1", new CardLinked("nosuchservice", OTHER, "X-1", "", Instant.parse("2031-01-01T00:00:00Z"))); // 3: ignored, so applied too
    assertEquals(2, new Registry(db, downlink).applyPending());

    assertEquals(new Retention.Swept(0, 0, 0, 0), sweepAfter(Duration.ofDays(399)), "nothing is due yet");
    assertEquals(List.of(1L), kept("taxi-1"));

    assertEquals(1, sweepAfter(Duration.ofDays(401)).events());
    assertEquals(List.of(), kept("taxi-1"), "the refusal naming the card is gone after 400 days");
    assertEquals(List.of(2L, 3L), kept("counter-1"), "links stay: they are registrations and replay the registry");

    assertEquals(2, sweepAfter(Duration.ofDays(2001)).links());
    assertEquals(List.of(), kept("counter-1"));
    assertEquals(0, db.first("SELECT count(*) FROM link_applied", rs -> rs.getInt(1)).orElseThrow(), "their applied marks went with them");
  }

  @Test
  void aLinkNotAppliedYetIsKeptPastItsLimit() throws Exception {
    arrive("counter-1", new CardLinked("taxi", CARD, "R-1", "", Instant.parse("2031-01-01T00:00:00Z")));
    assertEquals(0, sweepAfter(Duration.ofDays(3000)).links(), "unapplied: still the registry's work");
    assertEquals(List.of(1L), kept("counter-1"));
  }
}
