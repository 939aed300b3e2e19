package jp.mynaterm.hub.taxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.mynaterm.config.TaxiBookingSettings;
import jp.mynaterm.config.TaxiStop;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.TaxiManifest;
import jp.mynaterm.protocol.time.Stamp;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demand taxi's booking rules that riders and operators rely on, on SQLite and on a real
 * PostgreSQL (the hub README's "Demand taxi" concurrency rules, each tested here).
 */
class TaxiBookingsTest {
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  /** A Monday, 08:00 in Mino. */
  private static final Instant MONDAY_8 = LocalDateTime.of(2026, 12, 7, 8, 0).atZone(JST).toInstant();
  private static final LocalDateTime AT_10 = LocalDateTime.of(2026, 12, 7, 10, 0);
  private static final TaxiStop CITY_HALL = new TaxiStop("S001", "美濃市役所", 35.5447, 136.9078);

  @TempDir static Path dir;
  private static int opened;

  /** A fresh database with riders m1..m40 registered for the taxi. */
  private static Database open(String kind) throws Exception {
    String name = "taxi" + (++opened);
    Database db = Database.open(jp.mynaterm.hub.storage.BothDatabases.fresh(kind, dir, name));
    List<AllowEntry> riders = new ArrayList<>();
    for (int i = 1; i <= 40; i++) riders.add(new AllowEntry(card(i), "m" + i, i % 2 == 0 ? "senior" : "adult", MemberStatus.ACTIVE));
    new Downlink(db, new Topics("212075"), new MessageFactory("212075", "hub-1", TerminalClock.system()), new MessageCodec()).changeAllowList("taxi", riders, List.of());
    return db;
  }

  private static CardId card(int i) {
    String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    return new CardId("AAAAAAAAAAAAAAAAAAAAAAAA" + letters.charAt(i / 26) + letters.charAt(i % 26));
  }

  private static TaxiBookingSettings rules(int seats, String... vehicles) {
    return new TaxiBookingSettings(List.of(vehicles), seats, null, null, null, "08:00", "17:00", List.of(DayOfWeek.MONDAY), "Asia/Tokyo", null, null, null, null,
        null, null, List.of(CITY_HALL));
  }

  private static TaxiBookings.Request at10(String member) {
    return new TaxiBookings.Request(member, AT_10, "S001", null, null, null, 1, false);
  }

  /** Each manifest as the vehicle would receive it. */
  private static final class Received implements TaxiBookings.Sender {
    final List<TaxiManifest> manifests = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void send(String vehicle, TaxiManifest manifest) {
      manifests.add(manifest);
    }

    TaxiManifest last() {
      return manifests.get(manifests.size() - 1);
    }
  }

  @ParameterizedTest
  @MethodSource("jp.mynaterm.hub.storage.BothDatabases#kinds")
  void twoOperatorsBookingTheLastSeatSellItOnce(String kind) throws Exception {
    try (Database db = open(kind); ExecutorService pool = Executors.newFixedThreadPool(2)) {
      TaxiBookings bookings = new TaxiBookings(db, rules(2, "car-1"), Clock.fixed(MONDAY_8, JST));
      // The second operator on another hub sharing the database: its bookings commit on their own, racing the first's.
      TaxiBookings otherHub = new TaxiBookings(db, rules(2, "car-1"), Clock.fixed(MONDAY_8, JST));
      // Five rounds, each a slot with one seat left and two operators pressing "book" at once.
      for (int round = 0; round < 5; round++) {
        LocalDateTime at = AT_10.plusMinutes(30L * round);
        assertInstanceOf(TaxiBookings.Outcome.Booked.class, bookings.book(new TaxiBookings.Request("m1", at, "S001", null, null, null, 1, false), "web", "m1"));
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<TaxiBookings.Outcome>> both = new ArrayList<>();
        for (String member : List.of("m2", "m3")) {
          TaxiBookings hub = member.equals("m2") ? bookings : otherHub;
          both.add(pool.submit(() -> {
            together.await();
            return hub.book(new TaxiBookings.Request(member, at, "S001", null, null, null, 1, false), "phone", "operator-" + member);
          }));
        }
        long booked = 0;
        for (Future<TaxiBookings.Outcome> f : both) if (f.get() instanceof TaxiBookings.Outcome.Booked) booked++;
        assertEquals(1, booked, "one of the two operators gets the last seat");
        assertEquals(2, bookings.seatsSold("car-1", bookings.windowStart(at)), "no seat sold twice");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("jp.mynaterm.hub.storage.BothDatabases#kinds")
  void aCancellationRacingTheBoardingEndsAsOneOfThem(String kind) throws Exception {
    try (Database db = open(kind); ExecutorService pool = Executors.newFixedThreadPool(2)) {
      TaxiBookings bookings = new TaxiBookings(db, rules(10, "car-1"), Clock.fixed(MONDAY_8, JST));
      TaxiFares fares = new TaxiFares(db, bookings, Clock.fixed(MONDAY_8, JST));
      Instant tap = AT_10.plusMinutes(5).atZone(JST).toInstant();
      for (int round = 1; round <= 4; round++) {
        String member = "m" + round;
        var booked = (TaxiBookings.Outcome.Booked) bookings.book(at10(member), "web", member);
        CyclicBarrier together = new CyclicBarrier(2);
        Future<TaxiBookings.Cancelled> cancel = pool.submit(() -> {
          together.await();
          return bookings.cancel(booked.booking().id(), member);
        });
        int seq = round;
        Future<Integer> board = pool.submit(() -> {
          together.await();
          return fares.rides(List.of(boarding("car-1", seq, seq, tap)));
        });
        boolean cancelled = cancel.get().cancelled();
        assertEquals(1, board.get(), "the ride is charged either way: the rider rode");
        String status = bookings.booking(booked.booking().id()).orElseThrow().status();
        var charge = fares.charge("car-1/e1/" + seq).orElseThrow();
        if (cancelled) {
          assertEquals("cancelled", status);
          assertEquals(null, charge.booking(), "a ride after the cancellation is a ride without a booking");
        } else {
          assertEquals("boarded", status);
          assertEquals(booked.booking().id(), charge.booking());
          assertEquals("boarded", cancel.get().status(), "the cancellation is refused: the rider is on board");
        }
      }
    }
  }

  private static EventRow boarding(String vehicle, long seq, int rider, Instant at) {
    var ride = new RideBoarded(card(rider), vehicle, "shift-1", rider % 2 == 0 ? "senior" : "adult", 300, null, false);
    return new EventRow(vehicle, "e1", new EventRecord(seq, new Stamp(at, "boot-1", 1000 + seq, true), ride));
  }

  @ParameterizedTest
  @MethodSource("jp.mynaterm.hub.storage.BothDatabases#kinds")
  void aVehicleOfflineForHoursCatchesUpByVersionAndItsLateTapsStillCount(String kind) throws Exception {
    try (Database db = open(kind)) {
      Received vehicle = new Received();
      TaxiBookings morning = new TaxiBookings(db, rules(4, "car-1"), Clock.fixed(MONDAY_8, JST));
      morning.sendWith(vehicle);
      var a = (TaxiBookings.Outcome.Booked) morning.book(at10("m1"), "web", "m1");
      var b = (TaxiBookings.Outcome.Booked) morning.book(at10("m2"), "phone", "op");
      long heldByVehicle = vehicle.last().version(); // then the vehicle goes offline
      assertEquals(2, vehicle.last().pickups().size());
      morning.cancel(b.booking().id(), null);
      // Hours later, past both windows: m1's booking is a no-show at the hub, the vehicle has not synced.
      Clock afternoon = Clock.fixed(MONDAY_8.plus(Duration.ofHours(6)), JST);
      TaxiBookings later = new TaxiBookings(db, rules(4, "car-1"), afternoon);
      assertEquals(1, later.recordNoShows());
      assertEquals(1, new TaxiCounts(db, JST).of(YearMonth.of(2026, 12)).noShows());
      // Back online: its ListSync holds an old version, so the hub sends the current one, without the cancelled pick-up.
      TaxiManifest current = later.currentManifest("car-1").orElseThrow();
      assertTrue(current.version() > heldByVehicle, "the vehicle's version is behind: it gets the current manifest");
      assertTrue(current.pickups().stream().noneMatch(p -> p.booking().equals(b.booking().id())), "the cancellation reached it");
      // The taps it recorded offline arrive: m1 boarded at 10:12, late; the no-show becomes a boarding.
      new TaxiFares(db, later, afternoon).rides(List.of(boarding("car-1", 1, 1, AT_10.plusMinutes(12).atZone(JST).toInstant())));
      var boarded = later.booking(a.booking().id()).orElseThrow();
      assertEquals("boarded", boarded.status());
      assertEquals(java.util.Optional.of(true), boarded.late(), "boarded 12 minutes into the window: late (taxi.lateAfter 10m)");
      var counts = new TaxiCounts(db, JST).of(YearMonth.of(2026, 12));
      assertEquals(0, counts.noShows(), "the tap corrected the no-show");
      assertEquals(1, counts.rides());
      assertEquals(java.util.Map.of("phone", 1L, "web", 1L), counts.bookingsByChannel());
    }
  }

  @ParameterizedTest
  @MethodSource("jp.mynaterm.hub.storage.BothDatabases#kinds")
  void ridesAreChargedOnceAndARefundIsANewRecordInTheStatementAndTheExport(String kind) throws Exception {
    try (Database db = open(kind)) {
      TaxiBookings bookings = new TaxiBookings(db, rules(4, "car-1"), Clock.fixed(MONDAY_8, JST));
      TaxiFares fares = new TaxiFares(db, bookings, Clock.fixed(MONDAY_8.plus(Duration.ofHours(3)), JST));
      EventRow ride = boarding("car-1", 7, 2, AT_10.atZone(JST).toInstant());
      assertEquals(1, fares.rides(List.of(ride)));
      var later = (TaxiBookings.Outcome.Booked) bookings.book(at10("m2"), "web", "m2");
      assertEquals(0, fares.rides(List.of(ride)), "a resent event is charged once");
      assertEquals("booked", bookings.booking(later.booking().id()).orElseThrow().status(), "and boards no booking made since");
      assertTrue(fares.refund("car-1/e1/7", "staff-1").isPresent());
      assertTrue(fares.refund("car-1/e1/7", "staff-1").isEmpty(), "one refund per ride");
      var statement = fares.statement("m2", YearMonth.of(2026, 12));
      assertEquals(List.of(300, -300), statement.stream().map(TaxiFares.Charge::amountYen).toList());
      assertEquals("senior", statement.get(0).fareClass());
      StringWriter csv = new StringWriter();
      fares.exportCsv(YearMonth.of(2026, 12), csv);
      List<String> lines = csv.toString().lines().toList();
      assertEquals(3, lines.size(), "a header, the ride, the refund");
      assertTrue(lines.get(2).contains("refund") && lines.get(2).endsWith("car-1/e1/7"), "the refund names the ride it corrects");
    }
  }

  @ParameterizedTest
  @MethodSource("jp.mynaterm.hub.storage.BothDatabases#kinds")
  void aBatchOfRidesAroundMidnightAtTheMonthsEndIsChargedInTheCitysMonths(String kind) throws Exception {
    try (Database db = open(kind)) {
      TaxiBookings bookings = new TaxiBookings(db, rules(4, "car-1"), Clock.fixed(MONDAY_8, JST));
      TaxiFares fares = new TaxiFares(db, bookings, Clock.fixed(MONDAY_8, JST));
      Instant lastOfNovember = LocalDateTime.of(2026, 11, 30, 23, 50).atZone(JST).toInstant();
      Instant firstOfDecember = LocalDateTime.of(2026, 12, 1, 0, 10).atZone(JST).toInstant(); // still 30 November in UTC
      // One batch, as a backlog brings it: November, December, and November again.
      assertEquals(3, fares.rides(List.of(boarding("car-1", 1, 2, lastOfNovember), boarding("car-1", 2, 2, firstOfDecember),
          boarding("car-1", 3, 2, lastOfNovember.plusSeconds(60)))));
      assertEquals(List.of("car-1/e1/1", "car-1/e1/3"), fares.statement("m2", YearMonth.of(2026, 11)).stream().map(TaxiFares.Charge::id).toList());
      assertEquals(List.of("car-1/e1/2"), fares.statement("m2", YearMonth.of(2026, 12)).stream().map(TaxiFares.Charge::id).toList());
      // A batch with one of them resent and a new ride: only the new one is charged (the batch's counts tell them apart).
      assertEquals(1, fares.rides(List.of(boarding("car-1", 2, 2, firstOfDecember), boarding("car-1", 4, 2, firstOfDecember.plusSeconds(60)))));
      assertEquals(List.of("car-1/e1/2", "car-1/e1/4"), fares.statement("m2", YearMonth.of(2026, 12)).stream().map(TaxiFares.Charge::id).toList());
    }
  }

  @ParameterizedTest
  @MethodSource("jp.mynaterm.hub.storage.BothDatabases#kinds")
  void theRulesRefuseWithTheirReason(String kind) throws Exception {
    try (Database db = open(kind)) {
      TaxiBookings bookings = new TaxiBookings(db, rules(2, "car-1"), Clock.fixed(MONDAY_8, JST));
      assertEquals("book at least 30 minutes ahead", refused(bookings, new TaxiBookings.Request("m1", LocalDateTime.of(2026, 12, 7, 8, 0), "S001", null, null, null, 1, false)));
      assertEquals("no service on TUESDAY", refused(bookings, new TaxiBookings.Request("m1", AT_10.plusDays(1), "S001", null, null, null, 1, false)));
      assertEquals("service hours are 08:00 to 17:00", refused(bookings, new TaxiBookings.Request("m1", AT_10.withHour(17), "S001", null, null, null, 1, false)));
      assertEquals("the address is outside the service area", refused(bookings, new TaxiBookings.Request("m1", AT_10, null, "Gifu station", 35.409, 136.756, 1, false)));
      assertEquals("not registered for the taxi (a card linked at a counter)", refused(bookings, at10("nobody")));
      assertEquals("passengers must be from 1 to 2", refused(bookings, new TaxiBookings.Request("m1", AT_10, "S001", null, null, null, 3, false)));
      assertInstanceOf(TaxiBookings.Outcome.Booked.class, bookings.book(new TaxiBookings.Request("m1", AT_10, null, "蕨生 1-2", 35.56, 136.91, 1, true), "web", "m1"));
      assertEquals("the rider has a booking in this time window already", refused(bookings, at10("m1")));
    }
  }

  private static String refused(TaxiBookings bookings, TaxiBookings.Request r) throws Exception {
    return ((TaxiBookings.Outcome.Refused) bookings.book(r, "web", r.member())).reason();
  }
}
