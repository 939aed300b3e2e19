package jp.mynaterm.hub.taxi;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jp.mynaterm.config.TaxiBookingSettings;
import jp.mynaterm.config.TaxiStop;

/**
 * What the resident's page and the operator's console section share: the booking form's fields
 * (taxi-booking-fields.jte) read into a {@link TaxiBookings.Request}, the days and windows it offers,
 * a booking as a table row, and the outcome as the message shown after the post.
 */
public final class BookingForm {
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY_HM = DateTimeFormatter.ofPattern("MM/dd (E) HH:mm");

  /** A booking as a page lists it. */
  public record Row(String id, String member, String vehicle, String when, String place, int passengers, boolean wheelchair, String channel, String status,
      boolean cancellable) {}

  private BookingForm() {}

  /** The request the posted fields make for {@code member}; missing or malformed fields come out as what the rules refuse. */
  public static TaxiBookings.Request request(String member, Function<String, String> field) {
    Optional<LocalDate> day = parseDay(field.apply("day"));
    Optional<LocalTime> time = parseTime(field.apply("time"));
    LocalDateTime at = day.isPresent() && time.isPresent() ? day.get().atTime(time.get()) : null;
    return new TaxiBookings.Request(member, at, field.apply("stop"), field.apply("address"), parseDouble(field.apply("lat")), parseDouble(field.apply("lon")),
        parseInt(field.apply("passengers"), 1), field.apply("wheelchair") != null);
  }

  /** The message after a booking: its number and window, or why not. */
  public static String said(TaxiBookings.Outcome outcome, ZoneId zone) {
    return switch (outcome) {
      case TaxiBookings.Outcome.Booked b -> "予約しました / Booked: " + b.booking().id() + " " + DAY_HM.format(b.booking().windowStart().atZone(zone)) + "–"
          + HM.format(b.booking().windowEnd().atZone(zone)) + " (" + b.booking().vehicle() + ")";
      case TaxiBookings.Outcome.Refused r -> "予約できません / Not booked: " + r.reason();
    };
  }

  public static String said(TaxiBookings.Cancelled c, String id) {
    return c.cancelled() ? "取り消しました / Cancelled: " + id : "取り消せません / Not cancelled (" + c.status() + ")";
  }

  public static Row row(TaxiBookings bookings, TaxiBookings.Booking b) {
    ZoneId zone = bookings.rules().zoneId();
    String place = b.stopId() != null ? bookings.stop(b.stopId()).map(TaxiStop::name).orElse(b.stopId()) : b.address();
    String when = DAY_HM.format(b.windowStart().atZone(zone)) + "–" + HM.format(b.windowEnd().atZone(zone));
    String status = b.status() + b.late().map(l -> l ? " (late)" : " (on time)").orElse("");
    return new Row(b.id(), b.member(), b.vehicle(), when, place, b.passengers(), b.wheelchair(), b.channel(), status, b.status().equals("booked"));
  }

  /** The service days from today a booking may fall on (two weeks at most). */
  public static List<String> days(TaxiBookingSettings rules, Clock clock) {
    List<String> out = new ArrayList<>();
    LocalDate today = LocalDate.now(clock.withZone(rules.zoneId()));
    for (int i = 0; i <= rules.maxAdvance().toDays() && out.size() < 14; i++) {
      LocalDate d = today.plusDays(i);
      if (rules.days().contains(d.getDayOfWeek())) out.add(d.toString());
    }
    return out;
  }

  /** The windows' starts in service hours. */
  public static List<String> times(TaxiBookingSettings rules) {
    List<String> out = new ArrayList<>();
    for (LocalTime t = rules.opensAt(); !t.plus(rules.slot()).isAfter(rules.closesAt()) && !t.plus(rules.slot()).isBefore(t); t = t.plus(rules.slot())) {
      out.add(HM.format(t));
    }
    return out;
  }

  public static Optional<LocalDate> parseDay(String s) {
    try {
      return s == null || s.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(s));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  public static Optional<YearMonth> parseMonth(String s) {
    try {
      return s == null || s.isBlank() ? Optional.empty() : Optional.of(YearMonth.parse(s));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<LocalTime> parseTime(String s) {
    try {
      return s == null || s.isBlank() ? Optional.empty() : Optional.of(LocalTime.parse(s));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Double parseDouble(String s) {
    try {
      return s == null || s.isBlank() ? null : Double.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int parseInt(String s, int fallback) {
    try {
      return s == null || s.isBlank() ? fallback : Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
