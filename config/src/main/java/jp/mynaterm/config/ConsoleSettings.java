package jp.mynaterm.config;

import java.time.Duration;

/**
 * The hub's console (staff web pages on the hub's {@code http:} server).
 *
 * @param idle a signed-in session ends after this long without a request (default 15 min: a desk left
 *     unattended is not left signed in for long)
 * @param absolute and after this long from sign-in whatever happens (default 8 h: one working day)
 * @param rpId the WebAuthn relying party id passkeys are bound to: the console's host name as browsers
 *     see it (default {@code localhost}; an IP address cannot be one)
 * @param origin the console's origin as browsers see it, e.g. {@code https://console.city.example}
 *     (default {@code http://localhost:{http.port}}); a passkey ceremony from any other origin fails
 * @param enrollmentWait how long a device's enrollment request waits for staff to approve it in the
 *     console before it expires (default 24 h: a technician installs in the day)
 */
public record ConsoleSettings(Duration idle, Duration absolute, String rpId, String origin, Duration enrollmentWait) {
  public static final ConsoleSettings DEFAULT = new ConsoleSettings(null, null, null, null, null);

  public ConsoleSettings(Duration idle, Duration absolute, String rpId, String origin) {
    this(idle, absolute, rpId, origin, null);
  }

  public ConsoleSettings {
    idle = Check.positive("console.idle", Check.orDefault(idle, Duration.ofMinutes(15)));
    absolute = Check.positive("console.absolute", Check.orDefault(absolute, Duration.ofHours(8)));
    if (absolute.compareTo(idle) < 0) throw new InvalidValue("console.absolute", "must not be shorter than console.idle");
    rpId = Check.orDefault(rpId, "localhost");
    if (!rpId.matches("[A-Za-z0-9.-]{1,253}")) throw new InvalidValue("console.rpId", "must be a host name");
    enrollmentWait = Check.positive("console.enrollmentWait", Check.orDefault(enrollmentWait, Duration.ofHours(24)));
    if (origin != null && !origin.matches("https?://[^/\\s]+")) throw new InvalidValue("console.origin", "must be http(s)://host[:port] without a path");
  }

  /** The origin passkey ceremonies must come from: the configured one, else {@code http://localhost:{port}}. */
  public String originFor(int port) {
    return origin != null ? origin : "http://" + rpId + ":" + port;
  }
}
