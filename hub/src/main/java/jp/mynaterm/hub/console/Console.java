package jp.mynaterm.hub.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.config.ConsoleSettings;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.http.Answers;
import jp.mynaterm.hub.passkey.Passkeys;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.protocol.staff.StaffRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The city's console, {@code /console} on the hub's web server: the shell every section's pages live
 * in. It signs staff in with their hub accounts ({@link StaffAccounts}: bcrypt, lockout), keeps
 * sessions that expire ({@link ConsoleSessions}), and before any section's handler runs checks that
 * the session is signed in, that the account is still enabled and has one of the route's roles
 * (reading included: a librarian never sees kiosk money), and that a POST carries the session's CSRF
 * token. Sign-in, failed sign-in, sign-out and every staff action go to the {@link AuditLog}.
 * Japanese first, English by a button; the development ribbon on every page in development mode.
 */
public final class Console {
  private static final Logger log = LoggerFactory.getLogger(Console.class);
  static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
  public static final String COOKIE = "mynaterm-console";
  static final String ROOT = "/console";
  private static final String SECTION_ID = "[a-z0-9-]{1,40}";
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String PASSKEY_SIGNIN = "passkey-signin";

  /** A refusal shown as a console page: the status and the message key. */
  static final class Refused extends RuntimeException {
    final HttpStatus status;
    final String key;

    Refused(HttpStatus status, String key) {
      super(key, null, false, false);
      this.status = status;
      this.key = key;
    }
  }

  private final Database db;
  private final Clock clock;
  private final boolean development;
  private final String city;
  private final List<ConsoleSection> sections;
  private final ConsoleSessions sessions;
  private final Map<String, Messages> messages;
  private final AuditLog audit;
  private final Passkeys passkeys;

  /**
   * @param clock for sessions' expiry, lockout and audit times (tests move it)
   * @param passkeys the passkeys staff may sign in with instead of a password
   * @param city the municipality's name, in the header ({@code issuance.cityName})
   * @param sections the console's sections, in navigation order
   */
  public Console(Database db, Clock clock, ConsoleSettings settings, Passkeys passkeys, boolean development, String city, List<ConsoleSection> sections) {
    this.db = db;
    this.passkeys = passkeys;
    this.clock = clock;
    this.development = development;
    this.city = city;
    this.sections = List.copyOf(sections);
    this.sessions = new ConsoleSessions(clock, settings);
    this.audit = new AuditLog(db, clock);
    List<String> bundles = new ArrayList<>(List.of(Messages.SHELL));
    for (ConsoleSection s : sections) {
      if (!s.id().matches(SECTION_ID)) throw new IllegalArgumentException("console section id " + s.id() + ": lower-case letters, digits and '-'");
      bundles.add(s.bundle());
    }
    this.messages = Messages.load(bundles);
  }

  /** Adds {@code /console…} to the hub's web server. */
  public void routes(RoutesConfig routes) {
    routes.before(this::guard);
    routes.exception(Refused.class, (e, ctx) -> refused(ctx, e));
    routes.get(ROOT + "/console.css", ctx -> Answers.resource(ctx, Console.class, "console.css"));
    routes.get(ROOT + "/" + Passkeys.SCRIPT, ctx -> Answers.resource(ctx, Passkeys.class, Passkeys.SCRIPT));
    routes.get(ROOT, ctx -> page(ctx, Set.of(), null, r -> r.render("console/home.jte", Map.of("sections", visible(r)), "home.title")));
    routes.get(ROOT + "/signin", this::signInPage);
    routes.post(ROOT + "/signin", this::signIn);
    routes.post(ROOT + "/signin/passkey/options", this::passkeyOptions);
    routes.post(ROOT + "/signin/passkey", this::passkeySignIn);
    routes.post(ROOT + "/signout", this::signOut);
    routes.post(ROOT + "/lang", this::language);
    for (ConsoleSection s : sections) {
      String base = ROOT + "/" + s.id();
      s.routes(new ConsoleRoutes() {
        @Override
        public void get(String path, ConsoleHandler h) {
          get(path, s.roles(), h);
        }

        @Override
        public void post(String path, ConsoleHandler h) {
          post(path, s.roles(), h);
        }

        @Override
        public void get(String path, Set<StaffRole> roles, ConsoleHandler h) {
          routes.get(base + path, ctx -> page(ctx, roles, s.titleKey(), h));
        }

        @Override
        public void post(String path, Set<StaffRole> roles, ConsoleHandler h) {
          routes.post(base + path, ctx -> page(ctx, roles, s.titleKey(), h));
        }
      });
    }
  }

  /**
   * Before every console route: the browser's session (a new one when it has none), and for a POST
   * the CSRF token, so no action of any section can be triggered from another site.
   */
  private void guard(Context ctx) {
    if (!ctx.path().equals(ROOT) && !ctx.path().startsWith(ROOT + "/")) return;
    ConsoleSessions.Found found = sessions.find(ctx.cookie(COOKIE));
    ConsoleSessions.Session s = found.session().orElse(null);
    if (s == null) {
      s = sessions.anonymous(Messages.LANGUAGES.getFirst());
      if (found.expired()) {
        s.flash = messages(s.lang).t("signin.expired");
        s.flashIsProblem = true;
      }
      setCookie(ctx, s);
    }
    ctx.attribute(COOKIE, s);
    // Forms post the token as a field; the page's script (passkeys) sends it as a header with its JSON.
    String token = Optional.ofNullable(ctx.header(CSRF_HEADER)).orElseGet(() -> ctx.formParam("csrf"));
    if (ctx.method() == io.javalin.http.HandlerType.POST && !s.csrfMatches(token)) {
      log.warn("console: a POST to {} without the session's CSRF token was refused", ctx.path());
      throw new Refused(HttpStatus.FORBIDDEN, "error.csrf");
    }
  }

  /** Runs a page or action for a signed-in user with one of {@code roles} (or administrator; empty: anyone signed in). */
  private void page(Context ctx, Set<StaffRole> roles, String titleKey, ConsoleHandler handler) throws Exception {
    ConsoleSessions.Session s = session(ctx);
    if (!s.signedIn()) {
      if (ctx.method() == io.javalin.http.HandlerType.GET) {
        ctx.redirect(ROOT + "/signin", HttpStatus.SEE_OTHER);
        return;
      }
      throw new Refused(HttpStatus.UNAUTHORIZED, "error.signin");
    }
    Optional<StaffAccounts.Account> account = new StaffAccounts(db, clock).account(s.userId);
    if (account.isEmpty() || account.get().disabled()) {
      sessions.end(s); // disabled since sign-in: out now, not at the session's end
      ctx.redirect(ROOT + "/signin", HttpStatus.SEE_OTHER);
      return;
    }
    Set<StaffRole> has = account.get().roles();
    if (!allowed(has, roles)) {
      log.info("console: {} may not open {}", s.userId, ctx.path());
      throw new Refused(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    ConsoleRequest request = new ConsoleRequest(ctx, this, s, has, titleKey);
    handler.handle(request);
    // Every staff action is in the audit log: one the section did not record is recorded here.
    if (ctx.method() == io.javalin.http.HandlerType.POST && !request.wasAudited() && ctx.statusCode() < 400) {
      audit.append(s.userId, "console.action", ctx.path(), "");
    }
  }

  static boolean allowed(Set<StaffRole> has, Set<StaffRole> needed) {
    return needed.isEmpty() || has.contains(StaffRole.ADMINISTRATOR) || needed.stream().anyMatch(has::contains);
  }

  private List<ConsoleView.Nav> visible(ConsoleRequest r) {
    return nav(r.ctx(), r.roles(), r.messages());
  }

  private List<ConsoleView.Nav> nav(Context ctx, Set<StaffRole> has, Messages m) {
    List<ConsoleView.Nav> out = new ArrayList<>();
    for (ConsoleSection s : sections) {
      if (!allowed(has, s.roles())) continue;
      String href = ROOT + "/" + s.id();
      out.add(new ConsoleView.Nav(href, m.t(s.titleKey()), ctx.path().equals(href) || ctx.path().startsWith(href + "/")));
    }
    return out;
  }

  ConsoleView view(Context ctx, ConsoleSessions.Session s, String title) {
    Messages m = messages(s.lang);
    Set<StaffRole> has = EnumSet.noneOf(StaffRole.class);
    if (s.signedIn()) {
      try {
        new StaffAccounts(db, clock).account(s.userId).ifPresent(a -> has.addAll(a.roles()));
      } catch (SQLException e) {
        log.warn("console: roles of {} unreadable for the navigation: {}", s.userId, e.getMessage());
      }
    }
    String flash = s.flash;
    boolean problem = s.flashIsProblem;
    s.flash = null;
    s.flashIsProblem = false;
    return new ConsoleView(m, title, s.userId, s.signedIn() ? nav(ctx, has, m) : List.of(), s.csrf, development, city, flash, problem, ctx.path());
  }

  Messages messages(String lang) {
    return messages.getOrDefault(lang, messages.get(Messages.LANGUAGES.getFirst()));
  }

  AuditLog audit() {
    return audit;
  }

  private ConsoleSessions.Session session(Context ctx) {
    return ctx.attribute(COOKIE);
  }

  private void signInPage(Context ctx) {
    ConsoleSessions.Session s = session(ctx);
    if (s.signedIn()) {
      ctx.redirect(ROOT, HttpStatus.SEE_OTHER);
      return;
    }
    renderShell(ctx, s, "console/signin.jte", "signin.title", Map.of());
  }

  private void signIn(Context ctx) throws SQLException {
    ConsoleSessions.Session s = session(ctx);
    String user = Optional.ofNullable(ctx.formParam("user")).orElse("").strip();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    // StaffAccounts counts failures toward the lockout and writes staff.signin / staff.signin-failed.
    boolean ok = user.matches(StaffAccounts.USER_ID) && password.length() <= 200 && new StaffAccounts(db, clock, "console").signIn(user, password);
    if (!ok) {
      ctx.status(HttpStatus.UNAUTHORIZED);
      s.flash = messages(s.lang).t("signin.failed", StaffAccounts.MAX_FAILURES, StaffAccounts.LOCKOUT.toMinutes());
      s.flashIsProblem = true;
      renderShell(ctx, s, "console/signin.jte", "signin.title", Map.of());
      return;
    }
    signedIn(ctx, s, user);
  }

  /** The passkey sign-in's first step: a challenge, kept in this browser's session until the answer. */
  private void passkeyOptions(Context ctx) throws java.io.IOException {
    ConsoleSessions.Session s = session(ctx);
    byte[] challenge = passkeys.challenge();
    s.kept.put(PASSKEY_SIGNIN, challenge);
    Answers.json(ctx, HttpStatus.OK, passkeys.authenticationOptions(challenge));
  }

  /** The authenticator's answer: verified, then signed in as the passkey's owner if the account may. */
  private void passkeySignIn(Context ctx) throws java.io.IOException, SQLException {
    ConsoleSessions.Session s = session(ctx);
    byte[] challenge = (byte[]) s.kept.remove(PASSKEY_SIGNIN); // one answer per challenge
    String user = null;
    try {
      user = passkeys.authenticate(challenge, ctx.body());
    } catch (Passkeys.Refused e) {
      log.info("console: a passkey sign-in was refused: {}", e.getMessage());
    }
    if (user == null || !new StaffAccounts(db, clock, "console").signInVerified(user, "passkey")) {
      Answers.json(ctx, HttpStatus.UNAUTHORIZED, Map.of("error", messages(s.lang).t("signin.passkeyFailed")));
      return;
    }
    ConsoleSessions.Session signedIn = sessions.signIn(s, user);
    setCookie(ctx, signedIn);
    log.info("console: {} signed in with a passkey", user);
    Answers.json(ctx, HttpStatus.OK, Map.of("next", ROOT));
  }

  /** Ends every session of {@code userId} (disabled, or a password reset by an administrator). */
  void endSessionsOf(String userId) {
    sessions.endAll(userId);
  }

  /** A new session for {@code user} in place of {@code before}: its cookie, and to the console's start page. */
  void signedIn(Context ctx, ConsoleSessions.Session before, String user) {
    ConsoleSessions.Session s = sessions.signIn(before, user);
    setCookie(ctx, s);
    log.info("console: {} signed in", user);
    ctx.redirect(ROOT, HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx) throws SQLException {
    ConsoleSessions.Session s = session(ctx);
    if (s.signedIn()) audit.append(s.userId, "staff.signout", s.userId, "");
    sessions.end(s);
    ConsoleSessions.Session fresh = sessions.anonymous(s.lang);
    fresh.flash = messages(s.lang).t("signin.signedOut");
    setCookie(ctx, fresh);
    ctx.redirect(ROOT + "/signin", HttpStatus.SEE_OTHER);
  }

  private void language(Context ctx) {
    ConsoleSessions.Session s = session(ctx);
    String lang = ctx.formParam("lang");
    if (Messages.LANGUAGES.contains(lang)) s.lang = lang;
    String back = Optional.ofNullable(ctx.formParam("back")).orElse(ROOT);
    // Only back into the console: never a redirect to another site.
    if (!back.matches("/console(/[A-Za-z0-9._~-]*)*")) back = ROOT;
    ctx.redirect(back, HttpStatus.SEE_OTHER);
  }

  private void refused(Context ctx, Refused e) {
    ConsoleSessions.Session s = session(ctx);
    if (s == null) s = sessions.anonymous(Messages.LANGUAGES.getFirst());
    ctx.status(e.status);
    renderShell(ctx, s, "console/refused.jte", "error.title", Map.of("message", messages(s.lang).t(e.key)));
  }

  private void renderShell(Context ctx, ConsoleSessions.Session s, String template, String titleKey, Map<String, Object> params) {
    Map<String, Object> all = new HashMap<>(params);
    all.put("page", view(ctx, s, messages(s.lang).t(titleKey)));
    StringOutput out = new StringOutput();
    TEMPLATES.render(template, all, out);
    ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(out.toString());
  }

  /** HttpOnly, SameSite=Strict, only under /console; Secure when the browser came over TLS. */
  private static void setCookie(Context ctx, ConsoleSessions.Session s) {
    Cookie cookie = new Cookie(COOKIE, s.id);
    cookie.setPath(ROOT);
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.STRICT);
    cookie.setSecure("https".equals(ctx.scheme()));
    ctx.cookie(cookie);
  }
}
