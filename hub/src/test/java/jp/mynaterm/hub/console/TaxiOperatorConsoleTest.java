package jp.mynaterm.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.config.TaxiBookingSettings;
import jp.mynaterm.config.TaxiStop;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.taxi.TaxiBookings;
import jp.mynaterm.hub.taxi.TaxiCounts;
import jp.mynaterm.hub.taxi.TaxiFares;
import jp.mynaterm.hub.taxi.TaxiOperatorSection;
import jp.mynaterm.hub.taxi.TaxiRiders;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.staff.StaffRole;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator books for a caller in the console's taxi section; staff of other roles cannot open it. */
class TaxiOperatorConsoleTest {
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  private static final Clock MONDAY_8 = Clock.fixed(LocalDateTime.of(2026, 12, 7, 8, 0).atZone(JST).toInstant(), JST);

  @TempDir Path dir;

  @Test
  void anOperatorBooksByPhoneAndALibrarianMayNotOpenTheSection() throws Exception {
    // The section's database is the rig's file (SQLite takes both pools).
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      new Downlink(db, new Topics("212075"), new MessageFactory("212075", "hub-1", TerminalClock.system()), new MessageCodec())
          .changeAllowList("taxi", List.of(new AllowEntry(new CardId("AAAAAAAAAAAAAAAAAAAAAAAAAB"), "m1", "senior", MemberStatus.ACTIVE)), List.of());
      TaxiBookingSettings rules = new TaxiBookingSettings(List.of("car-1"), 2, null, null, null, null, null, List.of(DayOfWeek.MONDAY), null, null, null, null,
          null, null, null, List.of(new TaxiStop("S001", "美濃市役所", 35.5447, 136.9078)));
      TaxiBookings bookings = new TaxiBookings(db, rules, MONDAY_8);
      var section = new TaxiOperatorSection(bookings, new TaxiFares(db, bookings, MONDAY_8), new TaxiRiders(db, MONDAY_8), new TaxiCounts(db, JST), MONDAY_8);
      try (ConsoleRig rig = new ConsoleRig(dir, List.of(section))) {
        rig.staff.add("operator", "配車 一郎", Set.of(StaffRole.TAXI_OPERATOR), ConsoleRig.PASSWORD);
        var librarian = rig.browser();
        librarian.signIn("librarian", ConsoleRig.PASSWORD);
        assertEquals(403, librarian.get("/console/taxi").statusCode());

        var operator = rig.browser();
        operator.signIn("operator", ConsoleRig.PASSWORD);
        assertEquals(200, operator.get("/console/taxi").statusCode());
        var booked = operator.post("/console/taxi/book", Map.of("member", "m1", "day", "2026-12-07", "time", "10:00", "stop", "S001", "passengers", "2"));
        assertTrue(booked.body().contains("予約しました / Booked: T"), booked.statusCode() + " " + booked.uri() + " " + booked.body());
        assertTrue(booked.body().contains("美濃市役所"), "the day's bookings list it");
        rig.assertAccessible("operator", "/console/taxi");
        assertEquals(Map.of("phone", 1L, "web", 0L), new TaxiCounts(db, JST).of(YearMonth.of(2026, 12)).bookingsByChannel());
        var full = operator.post("/console/taxi/book", Map.of("member", "m1", "day", "2026-12-07", "time", "10:00", "stop", "S001", "passengers", "1"));
        assertTrue(full.body().contains("Not booked: no vehicle has 1 seat(s) free then"), "both seats of the window are sold");
        assertTrue(operator.get("/console/taxi/charges.csv?month=2026-12").body().startsWith("年月,利用者番号"), "the accounting export");
      }
    }
  }
}
