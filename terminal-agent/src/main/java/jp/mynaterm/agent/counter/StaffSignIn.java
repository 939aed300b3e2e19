package jp.mynaterm.agent.counter;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.mynaterm.protocol.staff.StaffPassword;
import jp.mynaterm.protocol.staff.StaffRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff sign-in for a counter page: the accounts come from the hub (cached on the terminal, so
 * sign-in works offline) with only user id, roles and password hash; a signed-in browser holds a
 * server-side session (cookie HttpOnly, SameSite=Strict) that ends after {@code sessionLength}.
 * Every {@code /api/} path but the page's words and the sign-in itself needs a session of a staff
 * member with this page's role (or administrator). After {@value #MAX_FAILURES} wrong passwords in a
 * row an account is locked for {@link #LOCKOUT}.
 */
public final class StaffSignIn {
  private static final Logger log = LoggerFactory.getLogger(StaffSignIn.class);
  public static final String COOKIE = "mynaterm-staff";
  public static final int MAX_FAILURES = 5;
  /** How long a sign-in lasts at a counter: a shift. */
  public static final Duration SHIFT = Duration.ofHours(9);
  public static final Duration LOCKOUT = Duration.ofMinutes(15);
  /** What is open without a session: the page's words, who is signed in, signing in and out. */
  private static final Set<String> OPEN = Set.of("/api/messages", "/api/session", "/api/signin", "/api/signout", CityAlerts.PATHS.get(0), CityAlerts.PATHS.get(1));
  private static final String USER = "[A-Za-z0-9._-]{1,64}";

  /** A staff account as the terminal knows it: never a plaintext password. */
  public record Account(String userId, Set<StaffRole> roles, String passwordHash, boolean disabled) {}

  /** Where the terminal finds accounts (the hub's list, cached for offline sign-in). */
  @FunctionalInterface
  public interface Accounts {
    Optional<Account> find(String userId);
  }

  private record Session(String userId, Instant expires) {}

  private record Failures(int count, Instant lockedUntil) {}

  private final Accounts accounts;
  private final StaffRole role;
  private final Clock clock;
  private final Duration sessionLength;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  public StaffSignIn(Accounts accounts, StaffRole role, Clock clock, Duration sessionLength) {
    this.accounts = accounts;
    this.role = role;
    this.clock = clock;
    this.sessionLength = sessionLength;
  }

  /** Adds the sign-in routes and the session check before every other {@code /api/} route. */
  public void install(RoutesConfig routes) {
    routes.before(this::require);
    routes.get("/api/session", ctx -> ctx.json(session(ctx).map(s -> Map.<String, Object>of("signedIn", true, "user", s.userId())).orElse(Map.of("signedIn", false))));
    routes.post("/api/signin", this::signIn);
    routes.post("/api/signout", ctx -> {
      Optional.ofNullable(ctx.cookie(COOKIE)).ifPresent(sessions::remove);
      ctx.removeCookie(COOKIE, "/");
      CounterPage.reply(ctx, Said.ok("signout.done"), Map.of());
    });
  }

  private void require(Context ctx) {
    if (!ctx.path().startsWith("/api/") || OPEN.contains(ctx.path())) return;
    if (session(ctx).isEmpty()) throw new PageGuard.Refused(HttpStatus.UNAUTHORIZED, "staff sign-in is required");
  }

  private Optional<Session> session(Context ctx) {
    String id = ctx.cookie(COOKIE);
    if (id == null) return Optional.empty();
    Session s = sessions.get(id);
    if (s == null) return Optional.empty();
    if (!clock.instant().isBefore(s.expires()) || !allowed(accounts.find(s.userId()))) {
      sessions.remove(id); // expired, or the account was disabled or lost the role since
      return Optional.empty();
    }
    return Optional.of(s);
  }

  private boolean allowed(Optional<Account> account) {
    return account.filter(a -> !a.disabled() && (a.roles().contains(role) || a.roles().contains(StaffRole.ADMINISTRATOR))).isPresent();
  }

  private void signIn(Context ctx) {
    JsonNode body = CounterPage.body(ctx);
    String user = CounterPage.field(body, "user", USER, "a staff user id");
    JsonNode p = body.get("password");
    if (p == null || !p.isTextual() || p.asText().isEmpty() || p.asText().length() > 200) throw new CounterPage.BadInput("password is required");
    Instant now = clock.instant();
    Failures before = failures.get(user);
    if (before != null && before.lockedUntil() != null && now.isBefore(before.lockedUntil())) {
      log.warn("sign-in refused: account locked after repeated wrong passwords");
      ctx.status(HttpStatus.TOO_MANY_REQUESTS);
      CounterPage.reply(ctx, Said.no("signin.locked"), Map.of());
      return;
    }
    Optional<Account> account = accounts.find(user);
    boolean right;
    if (account.isPresent()) right = StaffPassword.matches(p.asText(), account.get().passwordHash());
    else {
      StaffPassword.checkNobody(p.asText());
      right = false;
    }
    if (!right || !allowed(account)) {
      int count = (before == null || before.lockedUntil() != null ? 0 : before.count()) + 1;
      failures.put(user, new Failures(count, count >= MAX_FAILURES ? now.plus(LOCKOUT) : null));
      log.info("sign-in refused ({} in a row)", count);
      ctx.status(HttpStatus.UNAUTHORIZED);
      CounterPage.reply(ctx, Said.no(right ? "signin.notAllowed" : "signin.wrong"), Map.of());
      return;
    }
    failures.remove(user);
    byte[] idBytes = new byte[32];
    random.nextBytes(idBytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
    sessions.values().removeIf(s -> !now.isBefore(s.expires()));
    sessions.put(id, new Session(user, now.plus(sessionLength)));
    Cookie cookie = new Cookie(COOKIE, id);
    cookie.setPath("/");
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.STRICT);
    cookie.setMaxAge((int) sessionLength.toSeconds());
    ctx.cookie(cookie);
    log.info("staff signed in");
    CounterPage.reply(ctx, Said.ok("signin.done", user), Map.of("user", user));
  }
}
