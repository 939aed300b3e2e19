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
  /**
   * bcrypt's work factor for new hashes: 12 (a quarter of a second on a Pi). The test suite lowers it
   * with {@code -Dmynaterm.staffPassword.cost=4} (root pom), since hundreds of hashes there would cost
   * minutes; a check reads the factor from the stored hash, so hashes of either cost verify.
   */
  static final int COST = Math.clamp(Integer.getInteger("mynaterm.staffPassword.cost", 12), 4, 31);
  private static final PasswordEncoder ENCODER = new DelegatingPasswordEncoder(SCHEME, Map.of(SCHEME, new BCryptPasswordEncoder(COST)));
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
