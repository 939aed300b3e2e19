package jp.mynaterm.hub.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.mynaterm.config.TaxiStop;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.hub.taxi.TaxiBookings;
import jp.mynaterm.hub.taxi.TaxiCounts;
import jp.mynaterm.hub.taxi.TaxiFares;
import jp.mynaterm.hub.taxi.TaxiRiders;
import jp.mynaterm.protocol.staff.StaffRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demand taxi's pages on the hub's web server: {@code /taxi}, where a registered resident signs in
 * (the password set at the counter) and books, sees and cancels rides and reads the month's statement;
 * and {@code /taxi/operator}, where a taxi operator (staff account with the taxi-operator or
 * administrator role) books for a caller on the phone, sees the day's bookings, cancels, sets a
 * rider's password at the counter, refunds a ride, exports a month's charges as CSV and reads the KPI
 * counts. Each has its own sign-in: an HttpOnly, SameSite=Strict session cookie, and a per-session
 * token in every form (a form posted from elsewhere is refused). Sessions end after
 * {@link #IDLE} without a request. Nothing posted is logged but booking ids.
 */
public final class TaxiPages {
  private static final Logger log = LoggerFactory.getLogger(TaxiPages.class);
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
  static final Duration IDLE = Duration.ofMinutes(30);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY_HM = DateTimeFormatter.ofPattern("MM/dd (E) HH:mm");
  static final String RESIDENT_COOKIE = "taxi_resident";
  static final String OPERATOR_COOKIE = "taxi_operator";

  /** Who a session is: a rider's member number or an operator's user id. */
  record Session(String who, String csrf, Instant[] lastSeen) {}

  /** A booking as a page lists it. */
  public record Row(String id, String member, String vehicle, String when, String place, int passengers, boolean wheelchair, String channel, String status,
      boolean cancellable) {}

  /** What the resident page shows. */
  public record ResidentView(String city, boolean development, String member, String csrf, String message, boolean error, List<TaxiStop> stops,
      List<String> days, List<String> times, int seats, List<Row> bookings, List<TaxiFares.Charge> statement, String month, int total) {}

  /** What the operator page shows. */
  public record OperatorView(String city, boolean development, String user, String csrf, String message, boolean error, List<TaxiStop> stops, List<String> days,
      List<String> times, int seats, String day, List<Row> bookings, String month, TaxiCounts.Month counts) {}

  private final TaxiBookings bookings;
  private final TaxiFares fares;
  private final TaxiRiders riders;
  private final TaxiCounts counts;
  private final StaffAccounts staff;
  private final Clock clock;
  private final ZoneId zone;
  private final String city;
  private final boolean development;
  private final Map<String, Session> residents = new ConcurrentHashMap<>();
  private final Map<String, Session> operators = new ConcurrentHashMap<>();

  public TaxiPages(TaxiBookings bookings, TaxiFares fares, TaxiRiders riders, TaxiCounts counts, StaffAccounts staff, Clock clock, String city, boolean development) {
    this.bookings = bookings;
    this.fares = fares;
    this.riders = riders;
    this.counts = counts;
    this.staff = staff;
    this.clock = clock;
    this.zone = bookings.rules().zoneId();
    this.city = city;
    this.development = development;
  }

  /** Adds the pages' routes to the hub's server. */
  public void routes(JavalinConfig c) {
    c.routes.get("/taxi.css", ctx -> resource(ctx, "taxi.css", "text/css; charset=utf-8"));
    c.routes.get("/taxi", this::residentPage);
    c.routes.post("/taxi/signin", this::residentSignIn);
    c.routes.post("/taxi/signout", ctx -> signOut(ctx, residents, RESIDENT_COOKIE, "/taxi"));
    c.routes.post("/taxi/book", this::residentBook);
    c.routes.post("/taxi/cancel", this::residentCancel);
    c.routes.get("/taxi/operator", this::operatorPage);
    c.routes.post("/taxi/operator/signin", this::operatorSignIn);
    c.routes.post("/taxi/operator/signout", ctx -> signOut(ctx, operators, OPERATOR_COOKIE, "/taxi/operator"));
    c.routes.post("/taxi/operator/book", this::operatorBook);
    c.routes.post("/taxi/operator/cancel", this::operatorCancel);
    c.routes.post("/taxi/operator/password", this::operatorPassword);
    c.routes.post("/taxi/operator/refund", this::operatorRefund);
    c.routes.get("/taxi/operator/charges.csv", this::operatorExport);
  }

  // ---- resident

  private void residentPage(Context ctx) throws SQLException {
    Optional<Session> s = session(ctx, residents, RESIDENT_COOKIE);
    renderResident(ctx, s, ctx.queryParam("msg"), "1".equals(ctx.queryParam("err")));
  }

  private void renderResident(Context ctx, Optional<Session> s, String message, boolean error) throws SQLException {
    List<Row> rows = List.of();
    List<TaxiFares.Charge> statement = List.of();
    YearMonth month = YearMonth.now(clock.withZone(zone));
    if (s.isPresent()) {
      rows = bookings.ofMember(s.get().who(), clock.instant().minus(Duration.ofDays(1))).stream().map(this::row).toList();
      statement = fares.statement(s.get().who(), month);
    }
    int total = statement.stream().mapToInt(TaxiFares.Charge::amountYen).sum();
    ResidentView view = new ResidentView(city, development, s.map(Session::who).orElse(null), s.map(Session::csrf).orElse(""), message, error,
        bookings.rules().stops(), days(), times(), bookings.rules().seats(), rows, statement, month.toString(), total);
    render(ctx, "taxi-resident.jte", Map.of("v", view));
  }

  private void residentSignIn(Context ctx) throws SQLException {
    String member = ctx.formParam("member");
    String password = ctx.formParam("password");
    if (member == null || password == null || !riders.signIn(member.strip(), password)) {
      ctx.status(HttpStatus.UNAUTHORIZED);
      renderResident(ctx, Optional.empty(), "利用者番号かパスワードが違います。 Wrong rider number or password.", true);
      return;
    }
    start(ctx, residents, RESIDENT_COOKIE, member.strip(), "/taxi");
  }

  private void residentBook(Context ctx) throws SQLException {
    Optional<Session> s = posted(ctx, residents, RESIDENT_COOKIE);
    if (s.isEmpty()) return;
    book(ctx, s.get().who(), TaxiBookings.WEB, s.get().who(), "/taxi");
  }

  private void residentCancel(Context ctx) throws SQLException {
    Optional<Session> s = posted(ctx, residents, RESIDENT_COOKIE);
    if (s.isEmpty()) return;
    cancel(ctx, s.get().who(), "/taxi");
  }

  // ---- operator

  private void operatorPage(Context ctx) throws SQLException {
    renderOperator(ctx, session(ctx, operators, OPERATOR_COOKIE), ctx.queryParam("msg"), "1".equals(ctx.queryParam("err")));
  }

  private void renderOperator(Context ctx, Optional<Session> s, String message, boolean error) throws SQLException {
    LocalDate day = parseDay(ctx.queryParam("day")).orElse(LocalDate.now(clock.withZone(zone)));
    YearMonth month = parseMonth(ctx.queryParam("month")).orElse(YearMonth.from(day));
    List<Row> rows = List.of();
    TaxiCounts.Month kpi = null;
    if (s.isPresent()) {
      rows = bookings.between(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant()).stream().map(this::row).toList();
      kpi = counts.of(month);
    }
    OperatorView view = new OperatorView(city, development, s.map(Session::who).orElse(null), s.map(Session::csrf).orElse(""), message, error,
        bookings.rules().stops(), days(), times(), bookings.rules().seats(), day.toString(), rows, month.toString(), kpi);
    render(ctx, "taxi-operator.jte", Map.of("v", view));
  }

  private void operatorSignIn(Context ctx) throws SQLException {
    String user = ctx.formParam("user");
    String password = ctx.formParam("password");
    boolean ok = user != null && password != null && user.matches(StaffAccounts.USER_ID) && staff.signIn(user, password) && isOperator(user);
    if (!ok) {
      ctx.status(HttpStatus.UNAUTHORIZED);
      renderOperator(ctx, Optional.empty(), "サインインできません（taxi-operator の役割が必要です）。 Sign-in refused (the taxi-operator role is needed).", true);
      return;
    }
    start(ctx, operators, OPERATOR_COOKIE, user, "/taxi/operator");
  }

  private boolean isOperator(String user) throws SQLException {
    return staff.list().stream().anyMatch(a -> a.userId().equals(user) && !a.disabled()
        && (a.roles().contains(StaffRole.TAXI_OPERATOR) || a.roles().contains(StaffRole.ADMINISTRATOR)));
  }

  private void operatorBook(Context ctx) throws SQLException {
    Optional<Session> s = posted(ctx, operators, OPERATOR_COOKIE);
    if (s.isEmpty()) return;
    String member = String.valueOf(ctx.formParam("member")).strip();
    book(ctx, member, TaxiBookings.PHONE, s.get().who(), "/taxi/operator");
  }

  private void operatorCancel(Context ctx) throws SQLException {
    if (posted(ctx, operators, OPERATOR_COOKIE).isEmpty()) return;
    cancel(ctx, null, "/taxi/operator");
  }

  private void operatorPassword(Context ctx) throws SQLException {
    if (posted(ctx, operators, OPERATOR_COOKIE).isEmpty()) return;
    try {
      riders.setPassword(String.valueOf(ctx.formParam("member")).strip(), String.valueOf(ctx.formParam("password")));
      back(ctx, "/taxi/operator", "パスワードを設定しました。 Password set.", false);
    } catch (IllegalArgumentException e) {
      back(ctx, "/taxi/operator", e.getMessage(), true);
    }
  }

  private void operatorRefund(Context ctx) throws SQLException {
    Optional<Session> s = posted(ctx, operators, OPERATOR_COOKIE);
    if (s.isEmpty()) return;
    Optional<TaxiFares.Charge> refund = fares.refund(String.valueOf(ctx.formParam("ride")).strip(), s.get().who());
    if (refund.isPresent()) back(ctx, "/taxi/operator", "払い戻しを記録しました。 Refund recorded: " + refund.get().amountYen() + " yen.", false);
    else back(ctx, "/taxi/operator", "その乗車はないか、払い戻し済みです。 No such ride, or refunded already.", true);
  }

  private void operatorExport(Context ctx) throws SQLException, java.io.IOException {
    if (session(ctx, operators, OPERATOR_COOKIE).isEmpty()) {
      ctx.status(HttpStatus.UNAUTHORIZED).result("sign in at /taxi/operator");
      return;
    }
    YearMonth month = parseMonth(ctx.queryParam("month")).orElse(YearMonth.now(clock.withZone(zone)));
    StringWriter out = new StringWriter();
    fares.exportCsv(month, out);
    ctx.contentType("text/csv; charset=utf-8").header("Cache-Control", "no-store")
        .header("Content-Disposition", "attachment; filename=\"taxi-charges-" + month + ".csv\"").result(out.toString());
  }

  // ---- shared

  private void book(Context ctx, String member, String channel, String by, String page) throws SQLException {
    Optional<LocalDate> day = parseDay(ctx.formParam("day"));
    Optional<LocalTime> time = parseTime(ctx.formParam("time"));
    Double lat = parseDouble(ctx.formParam("lat"));
    Double lon = parseDouble(ctx.formParam("lon"));
    int passengers = parseInt(ctx.formParam("passengers"), 1);
    LocalDateTime at = day.isPresent() && time.isPresent() ? day.get().atTime(time.get()) : null;
    var request = new TaxiBookings.Request(member, at, ctx.formParam("stop"), ctx.formParam("address"), lat, lon, passengers, ctx.formParam("wheelchair") != null);
    switch (bookings.book(request, channel, by)) {
      case TaxiBookings.Outcome.Booked b -> back(ctx, page, "予約しました / Booked: " + b.booking().id() + " " + DAY_HM.format(b.booking().windowStart().atZone(zone))
          + "–" + HM.format(b.booking().windowEnd().atZone(zone)) + " (" + b.booking().vehicle() + ")", false);
      case TaxiBookings.Outcome.Refused r -> back(ctx, page, "予約できません / Not booked: " + r.reason(), true);
    }
  }

  private void cancel(Context ctx, String member, String page) throws SQLException {
    String id = String.valueOf(ctx.formParam("booking")).strip();
    TaxiBookings.Cancelled c = bookings.cancel(id, member);
    if (c.cancelled()) back(ctx, page, "取り消しました / Cancelled: " + id, false);
    else back(ctx, page, "取り消せません / Not cancelled (" + c.status() + ")", true);
  }

  private Row row(TaxiBookings.Booking b) {
    String place = b.stopId() != null ? bookings.stop(b.stopId()).map(TaxiStop::name).orElse(b.stopId()) : b.address();
    String when = DAY_HM.format(b.windowStart().atZone(zone)) + "–" + HM.format(b.windowEnd().atZone(zone));
    String status = b.status() + b.late().map(l -> l ? " (late)" : " (on time)").orElse("");
    return new Row(b.id(), b.member(), b.vehicle(), when, place, b.passengers(), b.wheelchair(), b.channel(), status, b.status().equals("booked"));
  }

  /** The service days of the next two weeks a booking may fall on. */
  private List<String> days() {
    List<String> out = new ArrayList<>();
    LocalDate today = LocalDate.now(clock.withZone(zone));
    for (int i = 0; i <= bookings.rules().maxAdvance().toDays() && out.size() < 14; i++) {
      LocalDate d = today.plusDays(i);
      if (bookings.rules().days().contains(d.getDayOfWeek())) out.add(d.toString());
    }
    return out;
  }

  /** The windows' starts in service hours. */
  private List<String> times() {
    List<String> out = new ArrayList<>();
    for (LocalTime t = bookings.rules().opensAt(); !t.plus(bookings.rules().slot()).isAfter(bookings.rules().closesAt()); t = t.plus(bookings.rules().slot())) {
      out.add(HM.format(t));
      if (t.plus(bookings.rules().slot()).isBefore(t)) break; // past midnight
    }
    return out;
  }

  private Optional<Session> session(Context ctx, Map<String, Session> sessions, String cookie) {
    String token = ctx.cookie(cookie);
    if (token == null) return Optional.empty();
    Session s = sessions.get(token);
    Instant now = clock.instant();
    if (s == null || s.lastSeen()[0].plus(IDLE).isBefore(now)) {
      if (s != null) sessions.remove(token);
      return Optional.empty();
    }
    s.lastSeen()[0] = now;
    return Optional.of(s);
  }

  /** The session of a posted form, its token checked; otherwise the answer is given here and empty returned. */
  private Optional<Session> posted(Context ctx, Map<String, Session> sessions, String cookie) {
    Optional<Session> s = session(ctx, sessions, cookie);
    if (s.isEmpty() || !s.get().csrf().equals(ctx.formParam("csrf"))) {
      ctx.status(HttpStatus.FORBIDDEN).result("サインインし直してください。 Please sign in again.");
      return Optional.empty();
    }
    return s;
  }

  private void start(Context ctx, Map<String, Session> sessions, String cookie, String who, String page) {
    sessions.entrySet().removeIf(e -> e.getValue().lastSeen()[0].plus(IDLE).isBefore(clock.instant()));
    String token = token();
    sessions.put(token, new Session(who, token(), new Instant[] {clock.instant()}));
    ctx.header("Set-Cookie", cookie + "=" + token + "; Path=/taxi; HttpOnly; SameSite=Strict");
    ctx.redirect(page, HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx, Map<String, Session> sessions, String cookie, String page) {
    String token = ctx.cookie(cookie);
    if (token != null) sessions.remove(token);
    ctx.header("Set-Cookie", cookie + "=; Path=/taxi; HttpOnly; SameSite=Strict; Max-Age=0");
    ctx.redirect(page, HttpStatus.SEE_OTHER);
  }

  private static String token() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Post, redirect, get: a reload does not book twice. */
  private static void back(Context ctx, String page, String message, boolean error) {
    ctx.redirect(page + "?msg=" + java.net.URLEncoder.encode(message, java.nio.charset.StandardCharsets.UTF_8) + (error ? "&err=1" : ""), HttpStatus.SEE_OTHER);
  }

  private static void render(Context ctx, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    TEMPLATES.render(template, new HashMap<>(params), out);
    ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(out.toString());
  }

  private static void resource(Context ctx, String name, String type) throws java.io.IOException {
    try (var in = TaxiPages.class.getResourceAsStream(name)) {
      ctx.contentType(type).result(in.readAllBytes());
    }
  }

  private static Optional<LocalDate> parseDay(String s) {
    try {
      return s == null || s.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(s));
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

  private static Optional<YearMonth> parseMonth(String s) {
    try {
      return s == null || s.isBlank() ? Optional.empty() : Optional.of(YearMonth.parse(s));
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
