package jp.mynaterm.hub.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.mynaterm.config.ConsoleSettings;

/**
 * The console's sessions, in this hub's memory (a restart signs everyone out; several hubs behind one
 * address need sticky sessions). Every browser gets one on its first page, before signing in, so the
 * sign-in form carries a CSRF token too; signing in replaces it with a new id and token (a session id
 * planted before sign-in is worth nothing after). A signed-in session ends after
 * {@link ConsoleSettings#idle} without a request or {@link ConsoleSettings#absolute} after sign-in.
 */
final class ConsoleSessions {
  /** One browser's session. The id is the cookie's value; the CSRF token goes in every form. */
  static final class Session {
    final String id;
    final String csrf;
    final Instant started;
    final String userId; // null before sign-in
    volatile Instant lastSeen;
    volatile String lang;
    volatile String flash; // a message for the next page (after a redirect)
    volatile boolean flashIsProblem; // shown as a problem, not as a success

    Session(String id, String csrf, Instant started, String userId, String lang) {
      this.id = id;
      this.csrf = csrf;
      this.started = started;
      this.userId = userId;
      this.lastSeen = started;
      this.lang = lang;
    }

    boolean signedIn() {
      return userId != null;
    }

    /** Compared in constant time: how long a wrong guess takes says nothing about the token. */
    boolean csrfMatches(String token) {
      return token != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** What a cookie found: the live session, or why there is none. */
  record Found(Optional<Session> session, boolean expired) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration idle;
  private final Duration absolute;

  ConsoleSessions(Clock clock, ConsoleSettings settings) {
    this.clock = clock;
    this.idle = settings.idle();
    this.absolute = settings.absolute();
  }

  /** The session of this cookie value if it is still live (and marks it used now). */
  Found find(String id) {
    if (id == null) return new Found(Optional.empty(), false);
    Session s = sessions.get(id);
    if (s == null) return new Found(Optional.empty(), false);
    Instant now = clock.instant();
    if (expired(s, now)) {
      sessions.remove(id);
      return new Found(Optional.empty(), s.signedIn());
    }
    s.lastSeen = now;
    return new Found(Optional.of(s), false);
  }

  /** A new session before sign-in, in {@code lang}. */
  Session anonymous(String lang) {
    return put(null, lang);
  }

  /** Signs in: the old session is gone, a new one (new id, new token) is the user's. */
  Session signIn(Session before, String userId) {
    sessions.remove(before.id);
    return put(userId, before.lang);
  }

  void end(Session s) {
    sessions.remove(s.id);
  }

  /** Ends every session of a user (the account was disabled or its password reset). */
  void endAll(String userId) {
    sessions.values().removeIf(s -> userId.equals(s.userId));
  }

  private Session put(String userId, String lang) {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> expired(s, now)); // expired sessions do not pile up
    Session s = new Session(token(), token(), now, userId, lang);
    sessions.put(s.id, s);
    return s;
  }

  private boolean expired(Session s, Instant now) {
    return !now.isBefore(s.lastSeen.plus(idle)) || !now.isBefore(s.started.plus(absolute));
  }

  private String token() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
