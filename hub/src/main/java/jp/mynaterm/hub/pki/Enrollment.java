package jp.mynaterm.hub.pki;

import java.time.Instant;
import jp.mynaterm.config.Role;

/**
 * One enrollment the hub's operator opened: the terminal and role it is for, the SHA-256 of its token
 * (the token itself is shown once and never stored), when it expires, and when it was used.
 */
public record Enrollment(String tokenSha256, String terminal, Role role, Instant expiresAt, Instant usedAt) {
  Enrollment used(Instant at) {
    return new Enrollment(tokenSha256, terminal, role, expiresAt, at);
  }
}
