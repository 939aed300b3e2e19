package jp.mynaterm.hub.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.config.FleetSettings;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.hub.storage.StatusRow;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.Birth;
import jp.mynaterm.protocol.message.Heartbeat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet page's alerts, each rule at its threshold, on a clock the test sets. */
class FleetRulesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
  private static final FleetSettings SETTINGS = new FleetSettings(Duration.ofMinutes(15), 3, Duration.ofMinutes(30), Duration.ofDays(2));
  private final FleetRules rules = new FleetRules(SETTINGS);
  @TempDir Path dir;

  @Test
  void offlineOnlyOnceLongerThanConfigured() {
    assertEquals(List.of(), kinds(terminal("heartbeat", NOW.minus(Duration.ofMinutes(2)), healthy(), 0)), "online");
    assertEquals(List.of(), kinds(terminal("heartbeat", NOW.minus(Duration.ofMinutes(10)), healthy(), 0)), "offline 10 min: not yet");
    var lost = rules.alerts(terminal("last-will", NOW.minus(Duration.ofMinutes(16)), healthy(), 0), NOW);
    assertEquals(List.of(FleetAlert.Kind.OFFLINE), lost.stream().map(FleetAlert::kind).toList());
    assertEquals("offline for 16m (its last will came)", lost.get(0).en());
  }

  @Test
  void anOutboxGrowingOrNotDraining() {
    assertEquals(List.of(), kinds(terminal("heartbeat", NOW, healthy(), 2)), "two rises in a row: under 3");
    assertEquals(List.of(FleetAlert.Kind.OUTBOX_GROWING), kinds(terminal("heartbeat", NOW, healthy(), 3)));
    Heartbeat stuck = new Heartbeat("1.0", 40, Duration.ofMinutes(31).toMillis(), 1L << 33, true, Map.of(), Map.of(), Map.of(), 0L, List.of());
    assertEquals(List.of(FleetAlert.Kind.OUTBOX_STUCK), kinds(terminal("heartbeat", NOW, stuck, 0)));
  }

  @Test
  void aStaleListByItsAgeNowOrByTheTerminalsOwnWarning() {
    // 47 h old when sent, sent 2 h ago: 49 h now, past 2 days.
    Heartbeat h = new Heartbeat("1.0", 0, 0, 1L << 33, true, Map.of("lists", "ok"), Map.of("revocation", 7L), Map.of("revocation", Duration.ofHours(47).toMillis()), 0L, List.of());
    var old = new TerminalRepository.Fleet(new TerminalRepository.Seen("taxi-1", "taxi", "heartbeat", NOW.minus(Duration.ofMinutes(1))), "{}",
        Optional.of(h), NOW.minus(Duration.ofHours(2)), 0);
    List<FleetAlert> alerts = rules.alerts(old, NOW);
    assertEquals(List.of(FleetAlert.Kind.STALE_LIST), alerts.stream().map(FleetAlert::kind).toList());
    assertEquals("revocation not confirmed for 2d 1h", alerts.get(0).en());
    Heartbeat warns = new Heartbeat("1.0", 0, 0, 1L << 33, true, Map.of("lists", "revocation unreadable (bad file)"), Map.of(), Map.of(), 0L, List.of());
    assertEquals(List.of(FleetAlert.Kind.STALE_LIST), kinds(terminal("heartbeat", NOW, warns, 0)));
  }

  @Test
  void paperOutOrJammedAsThePrintersSayIt() {
    Heartbeat h = new Heartbeat("1.0", 0, 0, 1L << 33, true,
        Map.of("certificate-printer", "The printer is out of paper.", "slip-printer", "paper near end", "card-reader", "ok"), Map.of(), Map.of(), 0L, List.of());
    assertEquals(List.of(FleetAlert.Kind.PAPER), kinds(terminal("heartbeat", NOW, h, 0)), "near end is shown, not alerted");
    Heartbeat jam = new Heartbeat("1.0", 0, 0, 1L << 33, true, Map.of("certificate-printer", "Paper is jammed in the printer."), Map.of(), Map.of(), 0L, List.of());
    assertEquals("certificate-printer: 紙詰まり", rules.alerts(terminal("heartbeat", NOW, jam, 0), NOW).get(0).ja());
  }

  @Test
  void theHubCountsHeartbeatsWithARisingOutboxAndTheFleetPageShowsTheAlert() throws Exception {
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      TerminalRepository terminals = new TerminalRepository(db);
      save(db, terminals, new StatusRow("kiosk-1", "birth", "kiosk", MessageCodec.write(new Birth("1.2.3", "kiosk", Map.of()))));
      for (long depth : new long[] {5, 9, 12}) save(db, terminals, StatusRow.heartbeat("kiosk-1", depth(depth)));
      // A reconnect in between: the birth replaces the status, not the heartbeat or the count.
      save(db, terminals, new StatusRow("kiosk-1", "birth", "kiosk", MessageCodec.write(new Birth("1.2.3", "kiosk", Map.of()))));
      save(db, terminals, StatusRow.heartbeat("kiosk-1", depth(20)));
      var fleet = terminals.fleet().get(0);
      assertEquals(3, fleet.queueRises(), "5 → 9 → 12 → 20: three rises");
      assertEquals(20, fleet.heartbeat().orElseThrow().queueDepth());

      Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
      FleetView.Fleet view = new FleetView(terminals, new ListRepository(db), SETTINGS, clock).read();
      assertEquals("kiosk", view.rows().get(0).role());
      assertEquals("1.2.3", view.rows().get(0).version());
      assertEquals(List.of(FleetAlert.Kind.OUTBOX_GROWING), view.alerts().stream().map(FleetAlert::kind).toList());
      String html = new FleetPage(new FleetView(terminals, new ListRepository(db), SETTINGS, clock)).render(true);
      assertTrue(html.contains("<li class=\"alert alert-outbox-growing\"><strong>kiosk-1</strong>: outbox growing: up 3 heartbeats in a row, 20 unsent</li>"), html);

      save(db, terminals, StatusRow.heartbeat("kiosk-1", depth(4)));
      assertEquals(0, terminals.fleet().get(0).queueRises(), "draining again");
    }
  }

  private static void save(Database db, TerminalRepository terminals, StatusRow row) throws Exception {
    db.commit(c -> terminals.saveStatuses(c, List.of(row), Instant.now()));
  }

  private static Heartbeat depth(long depth) {
    return new Heartbeat("1.2.3", depth, 1000, 1L << 33, true, Map.of(), Map.of(), Map.of(), 0L, List.of());
  }

  private static Heartbeat healthy() {
    return new Heartbeat("1.0", 0, 0, 1L << 33, true, Map.of("lists", "ok"), Map.of("revocation", 3L), Map.of("revocation", 60_000L), 0L, List.of());
  }

  private static TerminalRepository.Fleet terminal(String kind, Instant at, Heartbeat h, int rises) {
    return new TerminalRepository.Fleet(new TerminalRepository.Seen("kiosk-1", "kiosk", kind, at), "{}", Optional.of(h), at, rises);
  }

  private List<FleetAlert.Kind> kinds(TerminalRepository.Fleet t) {
    return rules.alerts(t, NOW).stream().map(FleetAlert::kind).toList();
  }
}
