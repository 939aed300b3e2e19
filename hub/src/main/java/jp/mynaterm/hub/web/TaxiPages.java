package jp.mynaterm.hub.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
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
import jp.mynaterm.hub.taxi.BookingForm;
import jp.mynaterm.hub.taxi.TaxiBookings;
import jp.mynaterm.hub.taxi.TaxiFares;
import jp.mynaterm.hub.taxi.TaxiRiders;

/**
 * The resident's booking page on the hub's web server, {@code /taxi}: a registered resident signs in
 * with the rider number and the password set at the counter when the card was linked, books, sees and
 * cancels rides and reads the month's statement. Its own sign-in (residents are not staff): an
 * HttpOnly, SameSite=Strict session cookie and a per-session token in every form (a form posted from
 * elsewhere is refused); sessions end after {@link #IDLE} without a request. Operators book by phone
 * in the console ({@code TaxiOperatorSection}). Nothing posted is logged.
 */
public final class TaxiPages {
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
  static final Duration IDLE = Duration.ofMinutes(30);
  private static final SecureRandom RANDOM = new SecureRandom();
  static final String RESIDENT_COOKIE = "taxi_resident";

  /** Who a session is: a rider's member number or an operator's user id. */
  record Session(String who, String csrf, Instant[] lastSeen) {}

  /** What the resident page shows. */
  public record ResidentView(String city, boolean development, String member, String csrf, String message, boolean error, List<TaxiStop> stops,
      List<String> days, List<String> times, int seats, List<BookingForm.Row> bookings, List<TaxiFares.Charge> statement, String month, int total) {}

  private final TaxiBookings bookings;
  private final TaxiFares fares;
  private final TaxiRiders riders;
  private final Clock clock;
  private final ZoneId zone;
  private final String city;
  private final boolean development;
  private final Map<String, Session> residents = new ConcurrentHashMap<>();

  public TaxiPages(TaxiBookings bookings, TaxiFares fares, TaxiRiders riders, Clock clock, String city, boolean development) {
    this.bookings = bookings;
    this.fares = fares;
    this.riders = riders;
    this.clock = clock;
    this.zone = bookings.rules().zoneId();
    this.city = city;
    this.development = development;
  }

  /** Adds the pages' routes to the hub's server. */
  public void routes(RoutesConfig routes) {
    routes.get("/taxi.css", ctx -> HubWeb.resource(ctx, TaxiPages.class, "taxi.css"));
    routes.get("/taxi.js", ctx -> HubWeb.resource(ctx, TaxiPages.class, "taxi.js"));
    routes.get("/taxi", this::residentPage);
    routes.post("/taxi/signin", this::residentSignIn);
    routes.post("/taxi/signout", ctx -> signOut(ctx, residents, RESIDENT_COOKIE, "/taxi"));
    routes.post("/taxi/book", this::residentBook);
    routes.post("/taxi/cancel", this::residentCancel);
  }

  // ---- resident

  private void residentPage(Context ctx) throws SQLException {
    Optional<Session> s = session(ctx, residents, RESIDENT_COOKIE);
    renderResident(ctx, s, ctx.queryParam("msg"), "1".equals(ctx.queryParam("err")));
  }

  private void renderResident(Context ctx, Optional<Session> s, String message, boolean error) throws SQLException {
    List<BookingForm.Row> rows = List.of();
    List<TaxiFares.Charge> statement = List.of();
    YearMonth month = YearMonth.now(clock.withZone(zone));
    if (s.isPresent()) {
      rows = bookings.ofMember(s.get().who(), clock.instant().minus(Duration.ofDays(1))).stream().map(b -> BookingForm.row(bookings, b)).toList();
      statement = fares.statement(s.get().who(), month);
    }
    int total = statement.stream().mapToInt(TaxiFares.Charge::amountYen).sum();
    ResidentView view = new ResidentView(city, development, s.map(Session::who).orElse(null), s.map(Session::csrf).orElse(""), message, error,
        bookings.rules().stops(), BookingForm.days(bookings.rules(), clock), BookingForm.times(bookings.rules()), bookings.rules().seats(), rows, statement, month.toString(), total);
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

  // ---- shared

  private void book(Context ctx, String member, String channel, String by, String page) throws SQLException {
    TaxiBookings.Outcome o = bookings.book(BookingForm.request(member, ctx::formParam), channel, by);
    back(ctx, page, BookingForm.said(o, zone), o instanceof TaxiBookings.Outcome.Refused);
  }

  private void cancel(Context ctx, String member, String page) throws SQLException {
    String id = String.valueOf(ctx.formParam("booking")).strip();
    TaxiBookings.Cancelled c = bookings.cancel(id, member);
    back(ctx, page, BookingForm.said(c, id), !c.cancelled());
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


}
