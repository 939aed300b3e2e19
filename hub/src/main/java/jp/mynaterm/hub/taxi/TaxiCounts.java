package jp.mynaterm.hub.taxi;

import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import jp.mynaterm.hub.storage.Database;

/**
 * The demand taxi's KPI counts for a month (the plan's target: 500 residents registered to ride with
 * the card by R7): counts only, no rider. Registrations are booking logins set up in the month (a card
 * linked for the taxi at a counter with its login), rides the boardings charged, no-shows and bookings
 * by channel (web, phone) by their window's and their making's month.
 */
public final class TaxiCounts {
  /** One month's counts; {@code bookingsByChannel} keys are web and phone. */
  public record Month(YearMonth month, long registrations, long registeredTotal, long rides, long noShows, Map<String, Long> bookingsByChannel) {}

  private final Database db;
  private final ZoneId zone;

  public TaxiCounts(Database db, ZoneId zone) {
    this.db = db;
    this.zone = zone;
  }

  public Month of(YearMonth month) throws SQLException {
    long from = month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
    long to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
    long registrations = count("SELECT count(*) FROM taxi_rider_login WHERE created_ms >= ? AND created_ms < ?", from, to);
    long total = count("SELECT count(*) FROM taxi_rider_login WHERE created_ms < ?", to);
    long rides = count("SELECT count(*) FROM taxi_charge WHERE kind = 'ride' AND month = ?", month.toString());
    long noShows = count("SELECT count(*) FROM taxi_booking WHERE status = 'no-show' AND window_start_ms >= ? AND window_start_ms < ?", from, to);
    Map<String, Long> byChannel = new TreeMap<>(Map.of(TaxiBookings.WEB, 0L, TaxiBookings.PHONE, 0L));
    for (var row : db.list("SELECT channel, count(*) FROM taxi_booking WHERE created_ms >= ? AND created_ms < ? GROUP BY channel",
        rs -> Map.entry(rs.getString(1), rs.getLong(2)), from, to)) {
      byChannel.put(row.getKey(), row.getValue());
    }
    return new Month(month, registrations, total, rides, noShows, byChannel);
  }

  private long count(String sql, Object... params) throws SQLException {
    return db.first(sql, rs -> rs.getLong(1), params).orElse(0L);
  }
}
