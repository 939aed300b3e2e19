package jp.mynaterm.agent.taxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.agent.members.MemberIndex;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.agent.outbox.Outbox;
import jp.mynaterm.agent.taxi.RideDecider.TapResult;
import jp.mynaterm.agent.usage.UsageRecorder;
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.config.TaxiSettings;
import jp.mynaterm.config.TaxiStop;
import jp.mynaterm.hardware.gpio.Indicators;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CertificateKey;
import jp.mynaterm.protocol.event.Location;
import jp.mynaterm.protocol.event.RefusalReason;
import jp.mynaterm.protocol.event.RideAlighted;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.event.ShiftClosed;
import jp.mynaterm.protocol.event.ShiftOpened;
import jp.mynaterm.protocol.event.TapRefused;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.TaxiManifest;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rider's tap on the demand taxi, decided offline, answered with a light and a beep. */
class RideDeciderTest {
  private static final Instant NOW = Instant.parse("2026-11-24T00:30:00Z");
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  private static final javax.security.auth.x500.X500Principal CA = new javax.security.auth.x500.X500Principal("CN=Test User Auth CA");

  @TempDir Path dir;
  private final List<UsageEvent> events = new ArrayList<>();
  private final List<String> signals = new ArrayList<>();
  private final Set<CertificateKey> revokedSerials = new java.util.HashSet<>();
  private final MemberIndex riders = new MemberIndex();
  private boolean outboxFull;

  private Outbox outbox;
  private final TerminalClock terminalClock = TerminalClock.of(Clock.fixed(NOW, ZoneOffset.UTC), "boot-1", true);

  /** Refusals, as the agent records them: into the outbox. */
  private final UsageRecorder recorder =
      e -> {
        if (record(e, Outbox.AlongWith.NOTHING) instanceof Appended.Refused r) throw new UsageRecorder.RecorderFull(r.reason());
      };

  /** The agent's record: the event and what goes with it in one outbox transaction. */
  private Appended record(UsageEvent e, Outbox.AlongWith with) {
    if (outboxFull) return new Appended.Refused("full", "the test's outbox is full");
    Appended a = outbox.append(e, terminalClock.now(), with);
    if (a instanceof Appended.Committed) events.add(e);
    return a;
  }
  private final Indicators lights = (light, mode) -> signals.add(light + ":" + mode);

  private static Tap.Card card(long serial) {
    return new Tap.Card(CardIds.development().derive(CA, BigInteger.valueOf(serial)), CertificateKey.of(CA, BigInteger.valueOf(serial)), NOW.plusSeconds(86_400 * 365), false, false);
  }

  private static AllowEntry rider(long serial, String category, MemberStatus status) {
    return new AllowEntry(card(serial).cardId(), "R-" + serial, category, status);
  }

  private RideDecider decider(TaxiSettings settings) throws Exception {
    return decider(settings, NOW);
  }

  private RideDecider decider(TaxiSettings settings, Instant now) throws Exception {
    return RideDecider.builder(settings)
        .riders(riders)
        .revoked(revokedSerials::contains)
        .recorder(recorder)
        .signals(lights, p -> signals.add("beep:" + p))
        .shifts(new ShiftStore(outbox, this::record))
        .location(() -> Optional.of(Location.fix(35.5412, 136.9053, 10.0)))
        .clock(Clock.fixed(now, ZoneOffset.UTC), JST)
        .build();
  }

  private RideDecider decider() throws Exception {
    return decider(TaxiSettings.DEFAULT);
  }

  private RideDecider decider(TaxiManifest manifest) throws Exception {
    return RideDecider.builder(TaxiSettings.DEFAULT)
        .riders(riders)
        .revoked(revokedSerials::contains)
        .recorder(recorder)
        .signals(lights, p -> signals.add("beep:" + p))
        .shifts(new ShiftStore(outbox, this::record))
        .manifest(() -> Optional.of(manifest))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC), JST)
        .build();
  }

  private static TaxiManifest.Pickup pickup(String booking, long rider, int startMinutesFromNow, int passengers) {
    long start = NOW.plusSeconds(60L * startMinutesFromNow).toEpochMilli();
    return new TaxiManifest.Pickup(booking, "R-" + rider, start, start + 30 * 60_000, "S001", "美濃市役所", "", passengers, false);
  }

  @Test
  void theManifestMatchesBookedRidersOnTimeOrLateAndAWalkUpRidesIfThereIsRoom() throws Exception {
    riders.replace(List.of(rider(1, "senior", MemberStatus.ACTIVE), rider(2, "child", MemberStatus.ACTIVE), rider(6, "adult", MemberStatus.ACTIVE)), 8);
    // Seats 3: R-1's window opened 5 minutes ago, R-2's 35 minutes ago (ended 5 minutes ago, before its no-show time).
    var r = decider(new TaxiManifest("taxi-1", 3, 3, "ride-if-room", 600, 900, List.of(pickup("B1", 1, -5, 1), pickup("B2", 2, -35, 1))));
    assertEquals(new TapResult.Boarded("senior", 300, "B1", false), r.tap(card(1)), "booked, on time");
    assertEquals(new TapResult.Boarded("child", 150, "B2", true), r.tap(card(2)), "booked, 35 minutes into the window: late");
    assertEquals(List.of(), r.nextPickups(5), "the driver's list drops who boarded");
    assertEquals(new TapResult.Boarded("adult", 300), r.tap(card(6)), "no booking, seats free now: rides");
  }

  @Test
  void theDriverDisplayShowsTheFareOrTheRefusalInWordsTheNextPickUpsAndTheCitysAlerts() throws Exception {
    riders.replace(List.of(rider(1, "senior", MemberStatus.ACTIVE), rider(6, "adult", MemberStatus.ACTIVE)), 8);
    var r = decider(new TaxiManifest("taxi-1", 1, 2, "refuse", 600, 900, List.of(pickup("B1", 1, -5, 1), pickup("B2", 9, 30, 2))));
    try (DriverDisplay display = DriverDisplay.start(new jp.mynaterm.config.HttpSettings("127.0.0.1", 0), r, JST, false)) {
      var http = java.net.http.HttpClient.newHttpClient();
      java.util.function.Supplier<String> state = () -> {
        try {
          var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + display.port() + "/api/display"))
              .header(jp.mynaterm.agent.counter.PageGuard.TOKEN_HEADER, display.token()).build();
          return http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      };
      display.show(r.tap(card(1)));
      assertTrue(state.get().contains("\"big\":\"高齢者 ¥300\"") && state.get().contains("定刻 / on time"), state.get());
      assertTrue(state.get().contains("\"booking\":\"B2\"") && !state.get().contains("\"booking\":\"B1\""), "next: B2, not the rider just boarded");
      display.show(r.tap(card(6)));
      assertTrue(state.get().contains("\"big\":\"予約がありません\""), "a walk-up where the rule is refuse: " + state.get());
      assertTrue(state.get().contains("\"alerts\":[]"), "no alert, none shown: " + state.get());
      display.alerts(() -> List.of(new jp.mynaterm.protocol.message.Alert("a-1", jp.mynaterm.protocol.message.Severity.EMERGENCY,
          java.util.Map.of("ja", "大雨のため運休します", "ja-easy", "あめで やすみます", "en", "No service: heavy rain"), java.time.Instant.now().plusSeconds(600))));
      assertTrue(state.get().contains("\"ja\":\"大雨のため運休します\"") && state.get().contains("\"en\":\"No service: heavy rain\""),
          "the city's alert for the vehicle, in Japanese and English: " + state.get());
    }
  }

  @Test
  void aWalkUpIsRefusedWhenTheRuleSaysSoOrTheSeatsNowAreBooked() throws Exception {
    riders.replace(List.of(rider(1, "senior", MemberStatus.ACTIVE), rider(6, "adult", MemberStatus.ACTIVE), rider(7, "adult", MemberStatus.ACTIVE)), 8);
    var refuse = decider(new TaxiManifest("taxi-1", 1, 2, "refuse", 600, 900, List.of()));
    assertEquals(new TapResult.Refused(RefusalReason.NO_BOOKING), refuse.tap(card(6)));
    var full = decider(new TaxiManifest("taxi-1", 2, 2, "ride-if-room", 600, 900, List.of(pickup("B9", 1, -5, 2))));
    assertEquals(new TapResult.Refused(RefusalReason.NO_ROOM), full.tap(card(7)), "both seats of the window open now wait for R-1's party");
    assertEquals(List.of("B9"), full.nextPickups(5).stream().map(TaxiManifest.Pickup::booking).toList());
  }

  @BeforeEach
  void openOutbox() throws Exception {
    outbox = Outbox.open(dir.resolve("outbox.db"), OutboxSettings.DEFAULT);
  }

  @AfterEach
  void closeOutbox() {
    outbox.close();
  }

  @BeforeEach
  void riders() {
    riders.replace(
        List.of(rider(1, "senior", MemberStatus.ACTIVE), rider(2, "child", MemberStatus.ACTIVE), rider(3, "senior", MemberStatus.SUSPENDED), rider(4, "", MemberStatus.ACTIVE), rider(5, "vip", MemberStatus.ACTIVE)),
        7);
  }

  @Test
  void aKnownRiderBoardsWithTheFareOfTheirClassAfterTheRideIsRecorded() throws Exception {
    var r = decider();
    assertEquals(new TapResult.Boarded("child", 150), r.tap(card(2)));
    RideBoarded ride = assertInstanceOf(RideBoarded.class, events.get(events.size() - 1));
    assertEquals("child", ride.fareClass());
    assertEquals(150, ride.fareYen());
    assertEquals(new Location(35.545, 136.90625, 800.0, null), ride.location(), "the zone's centre, not the GPS fix: no stops configured");
    assertEquals(List.of("GREEN:STEADY", "beep:OK"), signals.subList(signals.size() - 2, signals.size()));
  }

  @Test
  void theFirstTapWithoutAShiftOpensOneRatherThanHoldTheRiderUp() throws Exception {
    var r = decider();
    r.tap(card(1));
    ShiftOpened opened = assertInstanceOf(ShiftOpened.class, events.get(0));
    assertEquals("vehicle-1-20261124-093000", opened.shift(), "local time in the shift id");
    assertEquals(opened.shift(), ((RideBoarded) events.get(1)).shift());
  }

  @Test
  void aRiderWithoutAClassPaysTheAdultFareAndOneWhoseClassHasNoFareIsRefusedNotChargedAnother() throws Exception {
    var r = decider();
    assertEquals(new TapResult.Boarded("adult", 300), r.tap(card(4)));
    assertEquals(new TapResult.Refused(RefusalReason.UNKNOWN_FARE_CLASS), r.tap(card(5)), "'vip' has no fare in taxi.fares");
    assertEquals(RefusalReason.UNKNOWN_FARE_CLASS, ((TapRefused) events.get(events.size() - 1)).reason());
    assertEquals(1, events.stream().filter(RideBoarded.class::isInstance).count());
  }

  @Test
  void refusalsGetTheRedLightADistinctBeepAndARecordedReason() throws Exception {
    revokedSerials.add(card(1).certificate());
    var r = decider();
    assertEquals(new TapResult.Refused(RefusalReason.REVOKED), r.tap(card(1)));
    assertEquals(new TapResult.Refused(RefusalReason.SUSPENDED), r.tap(card(3)));
    assertEquals(new TapResult.Refused(RefusalReason.UNKNOWN), r.tap(card(99)));
    assertEquals(new TapResult.Refused(RefusalReason.EXPIRED), r.tap(new Tap.Card(card(2).cardId(), card(2).certificate(), NOW, false, false)));
    assertEquals(new TapResult.Refused(RefusalReason.UNTRUSTED), r.tap(new Tap.CertificateRejected(RefusalReason.UNTRUSTED)));
    assertNull(((TapRefused) events.get(events.size() - 1)).cardId());
    assertEquals(new TapResult.Refused(RefusalReason.NOT_MY_NUMBER_CARD), r.tap(new Tap.Unreadable(RefusalReason.NOT_MY_NUMBER_CARD)));
    var reasons = events.stream().filter(TapRefused.class::isInstance).map(e -> ((TapRefused) e).reason().wire()).toList();
    assertEquals(List.of("revoked", "suspended", "unknown", "expired", "untrusted", "not-my-number-card"), reasons);
    assertNull(((TapRefused) events.get(events.size() - 1)).cardId());
    assertEquals(List.of("RED:STEADY", "beep:REFUSED"), signals.subList(signals.size() - 2, signals.size()));
    assertTrue(events.stream().noneMatch(RideBoarded.class::isInstance));
  }

  @Test
  void aTapSaysWhetherTheCardWasUnreadableOrItsCertificateRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Tap.Unreadable(RefusalReason.EXPIRED));
    assertThrows(IllegalArgumentException.class, () -> new Tap.CertificateRejected(RefusalReason.REMOVED));
  }

  @Test
  void noGreenLightWhenTheRideCannotBeRecorded() throws Exception {
    var r = decider();
    r.tap(card(1));
    outboxFull = true;
    signals.clear();
    assertEquals(new TapResult.Fault("outbox"), r.tap(card(2)));
    assertTrue(signals.stream().noneMatch(s -> s.startsWith("GREEN:STEADY") || s.startsWith("GREEN:BLINKING")), signals.toString());
    assertTrue(signals.contains("beep:FAULT"));
  }

  @Test
  void aRideNearAStopIsRecordedAtTheStopAndNeverAtTheFix() throws Exception {
    var stops = List.of(new TaxiStop("S001", "美濃市役所", 35.5449, 136.9078), new TaxiStop("S012", "うだつの上がる町並み", 35.5419, 136.9050));
    var r = decider(new TaxiSettings(null, null, null, null, null, null, stops, 150));
    r.tap(card(2));
    RideBoarded ride = (RideBoarded) events.get(events.size() - 1);
    assertEquals(new Location(35.5419, 136.9050, 150.0, "S012"), ride.location(), "the nearest stop within 150 m (the fix is about 80 m away)");
  }

  @Test
  void withPinRequiredATapAloneIsRefused() throws Exception {
    var r = decider(new TaxiSettings(null, null, true, null, null, null, null, null));
    assertEquals(new TapResult.Refused(RefusalReason.PIN_REQUIRED), r.tap(card(1)));
    var withPin = new Tap.Card(card(1).cardId(), card(1).certificate(), NOW.plusSeconds(3600), true, false);
    assertInstanceOf(TapResult.Boarded.class, r.tap(withPin));
    assertTrue(((RideBoarded) events.get(events.size() - 1)).pinVerified());
  }

  @Test
  void theDriversButtonClosesTheShiftWithItsSummary() throws Exception {
    var r = decider();
    assertTrue(signals.contains("AMBER:STEADY"), "amber while no shift is open");
    r.shiftButton();
    r.tap(card(1));
    r.tap(card(2));
    r.tap(card(4));
    var closed = r.shiftButton().orElseThrow();
    ShiftClosed summary = assertInstanceOf(ShiftClosed.class, events.get(events.size() - 1));
    assertEquals(closed.id(), summary.shift());
    assertEquals(3, summary.rides());
    assertEquals(Map.of("senior", 1, "child", 1, "adult", 1), summary.ridesByClass());
    assertEquals(Map.of("senior", 300, "child", 150, "adult", 300), summary.faresByClass());
    assertTrue(r.currentShift().isEmpty());
  }

  @Test
  void theShiftSurvivesAPowerCut() throws Exception {
    var before = decider();
    before.tap(card(1));
    String id = before.currentShift().orElseThrow().id();
    outbox.close();
    outbox = Outbox.open(dir.resolve("outbox.db"), OutboxSettings.DEFAULT);
    var after = decider(); // the vehicle restarted
    after.tap(card(2));
    after.shiftButton();
    ShiftClosed summary = (ShiftClosed) events.get(events.size() - 1);
    assertEquals(id, summary.shift());
    assertEquals(2, summary.rides());
  }

  @Test
  void anOptionalAlightingTapRecordsTheAlighting() throws Exception {
    var settings = new TaxiSettings(null, null, null, null, true, null, null, null);
    var r = decider(settings);
    assertInstanceOf(TapResult.Boarded.class, r.tap(card(1)));
    assertEquals(new TapResult.Alighted(), r.tap(card(1)));
    assertInstanceOf(RideAlighted.class, events.get(events.size() - 1));
    var later = decider(settings, NOW.plus(TaxiSettings.DEFAULT_REPEAT_BOARDING_WINDOW));
    assertInstanceOf(TapResult.Boarded.class, later.tap(card(1)), "a new ride after alighting");
  }

  @Test
  void aSecondTapWithinTheWindowIsRefusedAndRecordedAsSuchNotChargedTwice() throws Exception {
    var r = decider();
    assertEquals(new TapResult.Boarded("senior", 300), r.tap(card(1)));
    assertEquals(new TapResult.Refused(RefusalReason.ALREADY_BOARDED), r.tap(card(1)));
    TapRefused refused = assertInstanceOf(TapRefused.class, stored().getLast());
    assertEquals(RefusalReason.ALREADY_BOARDED, refused.reason());
    assertEquals(card(1).cardId(), refused.cardId());
    assertEquals(1, stored().stream().filter(RideBoarded.class::isInstance).count(), "one ride charged");

    var restarted = decider(TaxiSettings.DEFAULT, NOW.plusSeconds(60));
    assertEquals(new TapResult.Refused(RefusalReason.ALREADY_BOARDED), restarted.tap(card(1)), "the window survives a restart: it is in the shift");
    var later = decider(TaxiSettings.DEFAULT, NOW.plus(TaxiSettings.DEFAULT_REPEAT_BOARDING_WINDOW));
    assertInstanceOf(TapResult.Boarded.class, later.tap(card(1)), "a ride after the window is a new ride");
  }

  @Test
  void aFailingShiftWriteNeverLeavesACommittedRideWithoutTheShift() throws Exception {
    var r = decider();
    r.shiftButton();
    long before = stored().size();
    outbox.query(c -> {
      try (var st = c.createStatement()) {
        return st.execute("CREATE TRIGGER shift_write_fails BEFORE INSERT ON taxi_shift BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
      }
    });
    assertEquals(new TapResult.Fault("outbox"), r.tap(card(1)), "red: the ride is not recorded");
    assertEquals(before, stored().size(), "no ride committed without its shift");
    assertEquals(0, r.currentShift().orElseThrow().rides());

    outbox.query(c -> {
      try (var st = c.createStatement()) {
        return st.execute("DROP TRIGGER shift_write_fails");
      }
    });
    assertEquals(new TapResult.Boarded("senior", 300), r.tap(card(1)), "the rider's second tap is their first ride");
    assertEquals(1, stored().stream().filter(RideBoarded.class::isInstance).count());
    var restarted = decider();
    assertEquals(1, restarted.currentShift().orElseThrow().rides(), "the stored shift counts the committed ride");
  }

  @Test
  void oldOrUnreadableListsBlinkAmberForTheDriverWithOneBeep() throws Exception {
    var r = decider();
    r.shiftButton();
    signals.clear();
    r.listsOld(true);
    r.listsOld(true);
    assertEquals(List.of("beep:ATTENTION", "AMBER:BLINKING"), signals);
    r.tap(card(1));
    r.idle();
    assertEquals("AMBER:BLINKING", signals.getLast(), "between riders the warning comes back");
    r.listsOld(false);
    assertEquals("AMBER:OFF", signals.getLast());
  }

  /** What the outbox holds, oldest first. */
  private List<UsageEvent> stored() {
    return outbox.after(0, 1000).stream().map(p -> p.record().event()).toList();
  }
}
