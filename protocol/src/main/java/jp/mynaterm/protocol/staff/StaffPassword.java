package jp.mynaterm.protocol.staff;

import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Staff passwords as the hub stores them and terminals check them offline: a salted bcrypt hash
 * with its scheme in front ({@code {bcrypt}$2a$12$...}), so a stronger scheme can be added without
 * invalidating the hashes already out there. The plaintext is never stored or sent.
 */
public final class StaffPassword {
  /** Long enough to resist guessing, short enough to type at a counter. */
  public static final int MIN_LENGTH = 10;
  private static final String SCHEME = "bcrypt";
  private static final PasswordEncoder ENCODER = new DelegatingPasswordEncoder(SCHEME, Map.of(SCHEME, new BCryptPasswordEncoder(12)));
  /** Checked against when the account is unknown, so an unknown user id costs as long as a wrong password. */
  private static final String NOBODY = ENCODER.encode("no account has this password");

  private StaffPassword() {}

  /** The hash to store; refuses a password shorter than {@link #MIN_LENGTH}. */
  public static String hash(CharSequence password) {
    if (password.length() < MIN_LENGTH) throw new IllegalArgumentException("a staff password has at least " + MIN_LENGTH + " characters");
    return ENCODER.encode(password);
  }

  /** Whether the password matches the stored hash; false for a hash this code cannot read. */
  public static boolean matches(CharSequence password, String hash) {
    try {
      return ENCODER.matches(password, hash);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Spends the time of a check for an account that does not exist. */
  public static void checkNobody(CharSequence password) {
    ENCODER.matches(password, NOBODY);
  }
}
