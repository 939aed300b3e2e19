package jp.mynaterm.agent.counter;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps other web pages away from a terminal page, put before every request once for all pages:
 * <ul>
 *   <li>the Host must be {@code localhost} or an IP address, so a page of another site whose name was
 *       re-pointed at this terminal (DNS rebinding) is refused;
 *   <li>every {@code /api/} request carries this server's per-boot token (header {@value #TOKEN_HEADER},
 *       or {@code token} in the query of a GET the page cannot add headers to, such as an audio file),
 *       which only the page served by this server knows: another page open in the same browser cannot
 *       read it;
 *   <li>a request that changes something comes from this page's own origin (Origin, Sec-Fetch-Site) and
 *       is {@code application/json}: a cross-site form post (text/plain) is refused before it reaches
 *       a handler, so it never spends a PIN try;
 *   <li>every answer says nosniff, no framing, scripts and styles only from this server.
 * </ul>
 */
public final class PageGuard {
  private static final Logger log = LoggerFactory.getLogger(PageGuard.class);
  public static final String TOKEN_HEADER = "X-Mynaterm-Token";
  /** Where the page's HTML carries the token: {@code <meta name="mynaterm-token" content="{{page-token}}">}. */
  public static final String TOKEN_PLACEHOLDER = "{{page-token}}";
  private static final Set<String> CHANGES_NOTHING = Set.of("GET", "HEAD", "OPTIONS");
  private static final Map<String, String> HEADERS = Map.of(
      "X-Content-Type-Options", "nosniff",
      "Content-Security-Policy", "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "no-referrer",
      "Cross-Origin-Resource-Policy", "same-origin",
      "Cross-Origin-Opener-Policy", "same-origin");

  private final String token;

  public PageGuard() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** The per-boot token, for the page's HTML (and for tests that act as the page). */
  public String token() {
    return token;
  }

  /** The page's HTML with its token in place of {@link #TOKEN_PLACEHOLDER}. */
  public byte[] withToken(byte[] html) {
    return new String(html, StandardCharsets.UTF_8).replace(TOKEN_PLACEHOLDER, token).getBytes(StandardCharsets.UTF_8);
  }

  /** Installs the checks and headers before every route. */
  public void install(RoutesConfig routes) {
    routes.exception(Refused.class, (e, ctx) -> ctx.status(e.status).json(Map.of("error", e.getMessage())));
    routes.before(this::check);
  }

  private void check(Context ctx) {
    HEADERS.forEach(ctx::header);
    String host = ctx.header("Host");
    if (host == null || !knownHost(host)) throw new Refused(HttpStatus.MISDIRECTED_REQUEST, "this page answers only as localhost or by IP address");
    boolean changes = !CHANGES_NOTHING.contains(ctx.method().name());
    if (changes) {
      String origin = ctx.header("Origin");
      if (origin != null && !origin.equalsIgnoreCase("http://" + host)) throw new Refused(HttpStatus.FORBIDDEN, "requests from another site are refused");
      String site = ctx.header("Sec-Fetch-Site");
      if (site != null && !site.equals("same-origin") && !site.equals("none")) throw new Refused(HttpStatus.FORBIDDEN, "requests from another site are refused");
      String type = ctx.header("Content-Type");
      if (type == null || !type.split(";")[0].strip().equalsIgnoreCase("application/json")) {
        throw new Refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
      }
    }
    if (ctx.path().startsWith("/api/")) {
      String given = ctx.header(TOKEN_HEADER);
      if (given == null && !changes) given = ctx.queryParam("token");
      if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
        throw new Refused(HttpStatus.FORBIDDEN, "this page's token is missing or out of date; reload the page");
      }
    }
  }

  /** localhost or an IP literal, with any port: names other sites control are refused. */
  static boolean knownHost(String hostHeader) {
    String name = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (name.startsWith("[")) {
      int end = name.indexOf(']');
      return end > 0 && name.substring(1, end).matches("[0-9a-f:.]+");
    }
    int colon = name.lastIndexOf(':');
    if (colon >= 0) name = name.substring(0, colon);
    return name.equals("localhost") || name.matches("(\\d{1,3}\\.){3}\\d{1,3}");
  }

  /** Says so when a page listens beyond this machine: anyone on that network can then reach it. */
  public static void warnUnlessLoopback(String host, String what) {
    try {
      InetAddress address = InetAddress.getByName(host);
      if (!address.isLoopbackAddress()) log.warn("the {} listens on {}, beyond this machine: anyone on that network can reach it; 127.0.0.1 keeps it local", what, host);
    } catch (UnknownHostException e) {
      log.warn("the {} listens on {}, which does not resolve", what, host);
    }
  }

  /** A request refused before any handler ran: nothing changed. */
  static final class Refused extends RuntimeException {
    final HttpStatus status;

    Refused(HttpStatus status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
