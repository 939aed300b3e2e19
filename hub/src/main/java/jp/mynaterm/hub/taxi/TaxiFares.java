package jp.mynaterm.hub.taxi;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.protocol.event.RideBoarded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cashless fares: each boarding a vehicle records is charged to the rider's account (their member
 * number) with its fare class and amount, in the month of the tap; a refund by staff is a new record
 * that refers to the ride, never an edit, so a statement and the city's export can always be redone.
 * Recording a ride also matches it to the rider's booking ({@link TaxiBookings#boarded}).
 */
public final class TaxiFares {
  private static final Logger log = LoggerFactory.getLogger(TaxiFares.class);
  /** Jackson's CSV writer, as the open data and extracts are written: quoting only where needed, CRLF. */
  private static final ObjectWriter CSV = new CsvMapper().writer(CsvSchema.emptySchema().withLineSeparator("\r\n"));

  /** One line of a statement or the export. {@code amountYen} is negative for a refund. */
  public record Charge(String id, String member, String kind, String fareClass, int amountYen, Instant at, String vehicle, String booking, String refersTo,
      String recordedBy) {}

  private final Database db;
  private final TaxiBookings bookings;
  private final Clock clock;
  private final ZoneId zone;

  public TaxiFares(Database db, TaxiBookings bookings, Clock clock) {
    this.db = db;
    this.bookings = bookings;
    this.clock = clock;
    this.zone = bookings.rules().zoneId();
  }

  /**
   * Charges the boardings among events just stored, once each (keyed by the event), and marks their
   * bookings boarded; the vehicles whose manifests changed get their new versions. Returns the rides
   * charged. The hub's ingest does the same inside the transaction that stores the events ({@link #charge}).
   */
  public int rides(List<EventRow> fresh) throws SQLException {
    Charged charged = db.write(c -> charge(c, fresh));
    charged.sendManifests().run();
    return charged.rides();
  }

  /** What {@link #charge} did: rides charged, and the sending of the manifests it changed, for after the commit. */
  public record Charged(int rides, Runnable sendManifests) {}

  /**
   * Charges the boardings among {@code fresh} on the caller's transaction, so a ride is charged exactly
   * when it is stored (ingest calls this inside the events' commit: a hub that dies in between loses
   * neither); a ride charged already is left alone. The manifests of vehicles whose bookings changed
   * get their new versions in the same transaction; run {@link Charged#sendManifests} after the commit
   * to send them. A backlog brings hundreds of rides in one batch: each statement is prepared once for
   * the batch, and bookings are looked up only for riders who have one open around the batch's taps.
   */
  public Charged charge(Connection c, List<EventRow> fresh) throws SQLException {
    List<EventRow> rides = fresh.stream().filter(r -> r.record().event() instanceof RideBoarded).toList();
    if (rides.isEmpty()) return new Charged(0, () -> {});
    List<String> changedVehicles = new ArrayList<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (EventRow row : rides) {
      first = Math.min(first, row.record().time().wall().toEpochMilli());
      last = Math.max(last, row.record().time().wall().toEpochMilli());
    }
    Set<String> booked = bookings.membersWithOpenBookings(c, first, last);
    Map<String, String> members = new HashMap<>();
    MonthOfTap months = new MonthOfTap(zone);
    String[] ids = new String[rides.size()];
    String[] riders = new String[rides.size()];
    int[] inserted;
    long now = clock.millis();
    try (PreparedStatement rider = c.prepareStatement("SELECT member FROM allow_entry WHERE service = ? AND card_id = ?");
        PreparedStatement insert = c.prepareStatement("INSERT INTO taxi_charge (id, member, kind, fare_class, amount_yen, at_ms, month, vehicle, booking_id,"
            + " refers_to, recorded_by, recorded_ms) VALUES (?, ?, 'ride', ?, ?, ?, ?, ?, NULL, NULL, ?, ?) ON CONFLICT (id) DO NOTHING")) {
      for (int i = 0; i < rides.size(); i++) {
        EventRow row = rides.get(i);
        RideBoarded ride = (RideBoarded) row.record().event();
        long at = row.record().time().wall().toEpochMilli();
        // A card unlinked since the ride still rode: its charge waits for staff under its CardId's account.
        String member = members.get(ride.cardId().value());
        if (member == null) {
          member = memberOf(rider, ride.cardId().value()).orElse("unlinked:" + ride.cardId().value());
          members.put(ride.cardId().value(), member);
        }
        riders[i] = member;
        ids[i] = row.terminal() + "/" + row.epoch() + "/" + row.record().seq();
        // The booking, if any, is set below once the charge is known to be new.
        insert.setString(1, ids[i]);
        insert.setString(2, member);
        insert.setString(3, ride.fareClass());
        insert.setInt(4, ride.fareYen());
        insert.setLong(5, at);
        insert.setString(6, months.of(at));
        insert.setString(7, row.terminal());
        insert.setString(8, row.terminal());
        insert.setLong(9, now);
        insert.addBatch();
      }
      // One batch (a backlog brings hundreds of rides): the count per row says which charges are new.
      inserted = insert.executeBatch();
    }
    int count = 0;
    for (int i = 0; i < rides.size(); i++) {
      if (inserted[i] <= 0) continue; // resent, charged already: its booking was matched then (as EventRepository reads counts)
      count++;
      // Only a ride charged now boards its booking (a ride charged before may not board another).
      EventRow row = rides.get(i);
      Optional<String> booking = booked.contains(riders[i]) ? bookings.boarded(c, riders[i], row.terminal(), row.record().time().wall(), changedVehicles) : Optional.empty();
      if (booking.isPresent()) TaxiBookings.update(c, "UPDATE taxi_charge SET booking_id = ? WHERE id = ?", booking.get(), ids[i]);
    }
    return new Charged(count, changedVehicles.isEmpty() ? () -> {} : bookings.nextManifests(c, changedVehicles));
  }

  /** The city's month of a tap ("2026-12"); a batch's taps mostly share one, whose bounds it keeps. */
  private static final class MonthOfTap {
    private final ZoneId zone;
    private long from = Long.MAX_VALUE;
    private long until = Long.MIN_VALUE;
    private String month;

    MonthOfTap(ZoneId zone) {
      this.zone = zone;
    }

    String of(long epochMs) {
      if (epochMs < from || epochMs >= until) {
        YearMonth m = YearMonth.from(Instant.ofEpochMilli(epochMs).atZone(zone));
        from = m.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        until = m.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        month = m.toString();
      }
      return month;
    }
  }

  private static Optional<String> memberOf(PreparedStatement rider, String card) throws SQLException {
    rider.setString(1, TaxiBookings.SERVICE);
    rider.setString(2, card);
    try (ResultSet rs = rider.executeQuery()) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    }
  }

  /** Refunds a ride in full as a new record; refused (empty) if the ride is unknown or refunded already. */
  public Optional<Charge> refund(String rideId, String staff) throws SQLException {
    Optional<Charge> ride = charge(rideId).filter(c -> c.kind().equals("ride"));
    if (ride.isEmpty()) return Optional.empty();
    Instant now = clock.instant();
    Charge r = ride.get();
    String id = "refund/" + rideId;
    try {
      db.commit(c -> TaxiBookings.update(c, "INSERT INTO taxi_charge (id, member, kind, fare_class, amount_yen, at_ms, month, vehicle, booking_id, refers_to,"
              + " recorded_by, recorded_ms) VALUES (?, ?, 'refund', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          id, r.member(), r.fareClass(), -r.amountYen(), now.toEpochMilli(), YearMonth.from(now.atZone(zone)).toString(), r.vehicle(), r.booking(), rideId, staff,
          now.toEpochMilli()));
    } catch (SQLException e) {
      if (TaxiBookings.isConflict(e)) return Optional.empty(); // refunded already (one refund per ride)
      throw e;
    }
    log.info("taxi ride {} refunded by {}", rideId, staff);
    return charge(id);
  }

  public Optional<Charge> charge(String id) throws SQLException {
    return db.first(SELECT + " WHERE id = ?", CHARGE, id);
  }

  /** A rider's monthly statement: rides and refunds recorded in the month, in order. */
  public List<Charge> statement(String member, YearMonth month) throws SQLException {
    return db.list(SELECT + " WHERE member = ? AND month = ? ORDER BY at_ms, id", CHARGE, member, month.toString());
  }

  /** Every charge of a month, for the city's accounting. */
  public List<Charge> month(YearMonth month) throws SQLException {
    return db.list(SELECT + " WHERE month = ? ORDER BY member, at_ms, id", CHARGE, month.toString());
  }

  /**
   * The month's charges as CSV for the city's accounting: one line per ride or refund (a refund's line
   * names the ride it corrects), the member number as the account, no CardId, no name.
   */
  public void exportCsv(YearMonth month, Writer out) throws SQLException, IOException {
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("年月", "利用者番号", "記録ID", "種別", "運賃区分", "金額", "日時", "車両", "予約", "訂正対象"));
    for (Charge c : month(month)) {
      lines.add(List.of(month.toString(), c.member(), c.id(), c.kind(), c.fareClass(), Integer.toString(c.amountYen()),
          c.at().atZone(zone).toLocalDateTime().toString(), c.vehicle(), c.booking() == null ? "" : c.booking(), c.refersTo() == null ? "" : c.refersTo()));
    }
    CSV.writeValue(out, lines);
  }

  private static final String SELECT = "SELECT id, member, kind, fare_class, amount_yen, at_ms, vehicle, booking_id, refers_to, recorded_by FROM taxi_charge";
  private static final Database.Row<Charge> CHARGE = rs -> new Charge(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
      Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
}
