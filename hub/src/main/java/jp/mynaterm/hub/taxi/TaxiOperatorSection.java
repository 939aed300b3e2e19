package jp.mynaterm.hub.taxi;

import java.io.StringWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.config.TaxiStop;
import jp.mynaterm.hub.console.ConsoleRequest;
import jp.mynaterm.hub.console.ConsoleRoutes;
import jp.mynaterm.hub.console.ConsoleSection;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * The taxi operators' console section ({@code /console/taxi}, role taxi-operator): book for a caller on
 * the phone, the day's bookings with cancellation, a rider's booking password set at the counter, a
 * ride refunded, the month's charges as CSV for the city's accounting, and the month's counts. The
 * console does the sign-in, the role check, the CSRF check and the audit entry of every action.
 */
public final class TaxiOperatorSection implements ConsoleSection {
  static final String PATH = "/console/taxi";

  /** What the page shows. */
  public record View(List<TaxiStop> stops, List<String> days, List<String> times, int seats, String day, List<BookingForm.Row> bookings, String month,
      TaxiCounts.Month counts) {}

  private final TaxiBookings bookings;
  private final TaxiFares fares;
  private final TaxiRiders riders;
  private final TaxiCounts counts;
  private final Clock clock;
  private final ZoneId zone;

  public TaxiOperatorSection(TaxiBookings bookings, TaxiFares fares, TaxiRiders riders, TaxiCounts counts, Clock clock) {
    this.bookings = bookings;
    this.fares = fares;
    this.riders = riders;
    this.counts = counts;
    this.clock = clock;
    this.zone = bookings.rules().zoneId();
  }

  @Override
  public String id() {
    return "taxi";
  }

  @Override
  public String titleKey() {
    return "taxi.title";
  }

  @Override
  public Set<StaffRole> roles() {
    return Set.of(StaffRole.TAXI_OPERATOR);
  }

  @Override
  public void routes(ConsoleRoutes routes) {
    routes.get("", this::page);
    routes.post("/book", r -> {
      String member = String.valueOf(r.ctx().formParam("member")).strip();
      TaxiBookings.Outcome o = bookings.book(BookingForm.request(member, r.ctx()::formParam), TaxiBookings.PHONE, r.user());
      back(r, BookingForm.said(o, zone), o instanceof TaxiBookings.Outcome.Refused);
    });
    routes.post("/cancel", r -> {
      String id = String.valueOf(r.ctx().formParam("booking")).strip();
      TaxiBookings.Cancelled c = bookings.cancel(id, null);
      back(r, BookingForm.said(c, id), !c.cancelled());
    });
    routes.post("/password", r -> {
      try {
        riders.setPassword(String.valueOf(r.ctx().formParam("member")).strip(), String.valueOf(r.ctx().formParam("password")));
        back(r, "パスワードを設定しました（この利用者のパスキーは削除しました）。 Password set; the rider's passkeys, if any, were removed.", false);
      } catch (IllegalArgumentException e) {
        back(r, e.getMessage(), true);
      }
    });
    routes.post("/refund", r -> {
      Optional<TaxiFares.Charge> refund = fares.refund(String.valueOf(r.ctx().formParam("ride")).strip(), r.user());
      if (refund.isPresent()) back(r, "払い戻しを記録しました。 Refund recorded: " + refund.get().amountYen() + " yen.", false);
      else back(r, "その乗車はないか、払い戻し済みです。 No such ride, or refunded already.", true);
    });
    routes.get("/charges.csv", r -> {
      YearMonth month = BookingForm.parseMonth(r.ctx().queryParam("month")).orElse(YearMonth.now(clock.withZone(zone)));
      StringWriter out = new StringWriter();
      fares.exportCsv(month, out);
      r.audit("taxi.charges-exported", month.toString(), "");
      r.ctx().contentType("text/csv; charset=utf-8").header("Cache-Control", "no-store")
          .header("Content-Disposition", "attachment; filename=\"taxi-charges-" + month + ".csv\"").result(out.toString());
    });
  }

  private void page(ConsoleRequest r) throws Exception {
    LocalDate day = BookingForm.parseDay(r.ctx().queryParam("day")).orElse(LocalDate.now(clock.withZone(zone)));
    YearMonth month = BookingForm.parseMonth(r.ctx().queryParam("month")).orElse(YearMonth.from(day));
    List<BookingForm.Row> rows = bookings.between(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant()).stream()
        .map(b -> BookingForm.row(bookings, b)).toList();
    View v = new View(bookings.rules().stops(), BookingForm.days(bookings.rules(), clock), BookingForm.times(bookings.rules()), bookings.rules().seats(),
        day.toString(), rows, month.toString(), counts.of(month));
    r.render("taxi-operator.jte", Map.of("v", v));
  }

  private static void back(ConsoleRequest r, String message, boolean problem) {
    if (problem) r.redirectWithProblem(PATH, message);
    else r.redirect(PATH, message);
  }
}
