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
import java.util.concurrent.atomic.AtomicReference;
import jp.mynaterm.config.TaxiStop;
import jp.mynaterm.hub.http.Answers;
import jp.mynaterm.hub.passkey.Passkeys;
import jp.mynaterm.hub.taxi.BookingForm;
import jp.mynaterm.hub.taxi.TaxiBookings;
import jp.mynaterm.hub.taxi.TaxiFares;
import jp.mynaterm.hub.taxi.TaxiRiders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident's booking page on the hub's web server, {@code /taxi}: a registered resident signs in
 * with the rider number and the password set at the counter when the card was linked, or with a passkey
 * they registered here since, books, sees and cancels rides and reads the month's statement. Its own
 * sign-in (residents are not staff): an HttpOnly, SameSite=Strict session cookie and a per-session token
 * in every form and script post (a post from elsewhere is refused); sessions end after {@link #IDLE}
 * without a request. Operators book by phone in the console ({@code TaxiOperatorSection}). Nothing
 * posted is logged, and a refused passkey is logged with its reason only.
 */
public final class TaxiPages {
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
  static final Duration IDLE = Duration.ofMinutes(30);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger log = LoggerFactory.getLogger(TaxiPages.class);
  static final String RESIDENT_COOKIE = "taxi_resident";
  /** The passkey sign-in's challenge, from its options to its answer: the authenticator's own timeout. */
  private static final String CEREMONY_COOKIE = "taxi_passkey";
  private static final Duration CEREMONY = Duration.ofMinutes(2);
  /** Sign-ins under way at once; beyond, a new one waits (a flood of options cannot fill the memory). */
  private static final int MAX_CEREMONIES = 10_000;
  private static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String NOT_ACCEPTED = "パスキーは受け付けられませんでした。 The passkey was not accepted.";

  /** Who a session is (a rider's member number), and a passkey registration under way, if any. */
  record Session(String who, String csrf, Instant[] lastSeen, AtomicReference<Passkeys.Registration> registering) {}

  /** A passkey sign-in's challenge, answered once, until it expires. */
  private record Ceremony(byte[] challenge, Instant expires) {}

  /** What the resident page shows. */
  public record ResidentView(String city, boolean development, String member, String csrf, String message, boolean error, List<TaxiStop> stops,
      List<String> days, List<String> times, int seats, List<BookingForm.Row> bookings, List<TaxiFares.Charge> statement, String month, int total,
      List<PasskeyRow> passkeys) {}

  /** One of the rider's passkeys as the page lists it: dates in the city's time zone. */
  public record PasskeyRow(String credentialId, String label, String added, String lastUsed) {}

  private final TaxiBookings bookings;
  private final TaxiFares fares;
  private final TaxiRiders riders;
  private final Passkeys passkeys;
  private final Clock clock;
  private final ZoneId zone;
  private final String city;
  private final boolean development;
  private final Map<String, Session> residents = new ConcurrentHashMap<>();
  private final Map<String, Ceremony> signIns = new ConcurrentHashMap<>();

  /** @param passkeys the riders' passkeys ({@link Passkeys.Owners#RIDERS}, bound to {@code taxi.rpId}/{@code taxi.origin}) */
  public TaxiPages(TaxiBookings bookings, TaxiFares fares, TaxiRiders riders, Passkeys passkeys, Clock clock, String city, boolean development) {
    this.bookings = bookings;
    this.fares = fares;
    this.riders = riders;
    this.passkeys = passkeys;
    this.clock = clock;
    this.zone = bookings.rules().zoneId();
    this.city = city;
    this.development = development;
  }

  /** Adds the pages' routes to the hub's server. */
  public void routes(RoutesConfig routes) {
    routes.get("/taxi.css", ctx -> Answers.resource(ctx, TaxiPages.class, "taxi.css"));
    routes.get("/taxi.js", ctx -> Answers.resource(ctx, TaxiPages.class, "taxi.js"));
    routes.get("/taxi/" + Passkeys.SCRIPT, ctx -> Answers.resource(ctx, Passkeys.class, Passkeys.SCRIPT));
    routes.get("/taxi", this::residentPage);
    routes.post("/taxi/signin", this::residentSignIn);
    routes.post("/taxi/signin/passkey/options", this::passkeyOptions);
    routes.post("/taxi/signin/passkey", this::passkeySignIn);
    routes.post("/taxi/passkeys/options", this::registrationOptions);
    routes.post("/taxi/passkeys", this::register);
    routes.post("/taxi/passkeys/remove", this::removePasskey);
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
    List<PasskeyRow> mine = List.of();
    YearMonth month = YearMonth.now(clock.withZone(zone));
    if (s.isPresent()) {
      rows = bookings.ofMember(s.get().who(), clock.instant().minus(Duration.ofDays(1))).stream().map(b -> BookingForm.row(bookings, b)).toList();
      statement = fares.statement(s.get().who(), month);
      DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
      mine = passkeys.list(s.get().who()).stream()
          .map(p -> new PasskeyRow(p.credentialId(), p.label(), day.format(p.createdAt()), p.lastUsedAt().map(day::format).orElse("-"))).toList();
    }
    int total = statement.stream().mapToInt(TaxiFares.Charge::amountYen).sum();
    ResidentView view = new ResidentView(city, development, s.map(Session::who).orElse(null), s.map(Session::csrf).orElse(""), message, error,
        bookings.rules().stops(), BookingForm.days(bookings.rules(), clock), BookingForm.times(bookings.rules()), bookings.rules().seats(), rows, statement, month.toString(), total, mine);
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
    start(ctx, residents, RESIDENT_COOKIE, member.strip());
    ctx.redirect("/taxi", HttpStatus.SEE_OTHER);
  }

  // ---- resident passkeys (the page's script, passkeys.js, runs the browser's side where it has WebAuthn)

  /**
   * The passkey sign-in's first step. Discoverable passkeys, so the resident types nothing: one button,
   * and the phone or computer offers the passkey it keeps for this page and asks for the fingerprint,
   * face or PIN — simpler for an elderly resident than remembering the rider number as well. The
   * challenge is kept under a short-lived cookie of its own (no session exists before sign-in); being
   * SameSite=Strict and HttpOnly, that cookie is what a post from elsewhere cannot send, as the forms'
   * token is for a signed-in page.
   */
  private void passkeyOptions(Context ctx) throws java.io.IOException {
    Instant now = clock.instant();
    signIns.values().removeIf(c -> c.expires().isBefore(now));
    if (signIns.size() >= MAX_CEREMONIES) {
      Answers.json(ctx, HttpStatus.SERVICE_UNAVAILABLE, Map.of("error", "混み合っています。少し待ってください。 Busy: please try again shortly."));
      return;
    }
    byte[] challenge = passkeys.challenge();
    String ceremony = token();
    signIns.put(ceremony, new Ceremony(challenge, now.plus(CEREMONY)));
    ctx.header("Set-Cookie", CEREMONY_COOKIE + "=" + ceremony + "; Path=/taxi; HttpOnly; SameSite=Strict; Max-Age=" + CEREMONY.toSeconds());
    Answers.json(ctx, HttpStatus.OK, passkeys.authenticationOptions(challenge));
  }

  /** The authenticator's answer: verified, then signed in as the passkey's rider if the rider may still sign in. */
  private void passkeySignIn(Context ctx) throws java.io.IOException, SQLException {
    String ceremony = ctx.cookie(CEREMONY_COOKIE);
    Ceremony c = ceremony == null ? null : signIns.remove(ceremony); // one answer per challenge
    String member = null;
    try {
      member = passkeys.authenticate(c == null || c.expires().isBefore(clock.instant()) ? null : c.challenge(), ctx.body());
      if (!riders.signInVerified(member)) throw new Passkeys.Refused("the rider's card is no longer linked, or the login is locked", null);
    } catch (Passkeys.Refused e) {
      log.info("taxi: a resident's passkey sign-in was refused: {}", e.getMessage());
      Answers.json(ctx, HttpStatus.UNAUTHORIZED, Map.of("error", NOT_ACCEPTED));
      return;
    }
    start(ctx, residents, RESIDENT_COOKIE, member);
    ctx.res().addHeader("Set-Cookie", CEREMONY_COOKIE + "=; Path=/taxi; HttpOnly; SameSite=Strict; Max-Age=0");
    Answers.json(ctx, HttpStatus.OK, Map.of("next", "/taxi"));
  }

  private void registrationOptions(Context ctx) throws java.io.IOException, SQLException {
    Optional<Session> s = posted(ctx, residents, RESIDENT_COOKIE);
    if (s.isEmpty()) return;
    Passkeys.Registration registration = passkeys.registration(s.get().who());
    s.get().registering().set(registration);
    // The name the device shows beside the passkey when it offers it: the page's and the rider's number.
    Answers.json(ctx, HttpStatus.OK, passkeys.registrationOptions(s.get().who(), city + " デマンドタクシー 利用者番号 " + s.get().who(), registration));
  }

  private void register(Context ctx) throws java.io.IOException, SQLException {
    Optional<Session> s = posted(ctx, residents, RESIDENT_COOKIE);
    if (s.isEmpty()) return;
    try {
      passkeys.register(s.get().who(), s.get().registering().getAndSet(null), ctx.body()); // one answer per challenge
    } catch (Passkeys.Refused e) {
      log.info("taxi: a resident's passkey was not registered: {}", e.getMessage());
      Answers.json(ctx, HttpStatus.BAD_REQUEST, Map.of("error", NOT_ACCEPTED));
      return;
    }
    Answers.json(ctx, HttpStatus.OK, Map.of("next", said("/taxi", "パスキーを登録しました。次からはパスキーでサインインできます。 Passkey registered: next time, sign in with it.", false)));
  }

  /** A plain form: a passkey on a lost phone can be removed from any browser, with or without WebAuthn. */
  private void removePasskey(Context ctx) throws SQLException {
    Optional<Session> s = posted(ctx, residents, RESIDENT_COOKIE);
    if (s.isEmpty()) return;
    boolean removed = passkeys.remove(s.get().who(), Optional.ofNullable(ctx.formParam("credential")).orElse(""));
    back(ctx, "/taxi", removed ? "パスキーを削除しました。 Passkey removed." : "そのパスキーはありません。 No such passkey.", !removed);
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

  /**
   * The session of a post, its token checked (a form's field, or the header the page's script sends with
   * its JSON); otherwise the answer is given here and empty returned.
   */
  private Optional<Session> posted(Context ctx, Map<String, Session> sessions, String cookie) {
    Optional<Session> s = session(ctx, sessions, cookie);
    String token = ctx.header(CSRF_HEADER) != null ? ctx.header(CSRF_HEADER) : ctx.formParam("csrf");
    if (s.isEmpty() || !s.get().csrf().equals(token)) {
      ctx.status(HttpStatus.FORBIDDEN).result("サインインし直してください。 Please sign in again.");
      return Optional.empty();
    }
    return s;
  }

  /** A new session for {@code who} and its cookie; the caller answers. */
  private void start(Context ctx, Map<String, Session> sessions, String cookie, String who) {
    sessions.entrySet().removeIf(e -> e.getValue().lastSeen()[0].plus(IDLE).isBefore(clock.instant()));
    String token = token();
    sessions.put(token, new Session(who, token(), new Instant[] {clock.instant()}, new AtomicReference<>()));
    ctx.res().addHeader("Set-Cookie", cookie + "=" + token + "; Path=/taxi; HttpOnly; SameSite=Strict");
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
    ctx.redirect(said(page, message, error), HttpStatus.SEE_OTHER);
  }

  /** The page showing {@code message}. */
  private static String said(String page, String message, boolean error) {
    return page + "?msg=" + java.net.URLEncoder.encode(message, java.nio.charset.StandardCharsets.UTF_8) + (error ? "&err=1" : "");
  }

  private static void render(Context ctx, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    TEMPLATES.render(template, new HashMap<>(params), out);
    ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(out.toString());
  }
}
