package jp.mynaterm.hub.issuance;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * The code printed with the QR on every certificate, checkable at the hub's {@code /verify/{code}}.
 * 60 random bits in Crockford base32 ({@code K7Q2-M9XD-4HRT}): not guessable (2^60 codes for some
 * thousands issued a year), short enough to type, and forgiving when typed (case, O for 0, I/L for 1,
 * missing dashes).
 */
public final class VerificationCodes {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private final SecureRandom random;

  public VerificationCodes() {
    this(new SecureRandom());
  }

  VerificationCodes(SecureRandom random) {
    this.random = random;
  }

  public String next() {
    long bits = random.nextLong() >>> 4; // 60 bits
    char[] c = new char[12];
    for (int i = 11; i >= 0; i--) {
      c[i] = ALPHABET[(int) (bits & 31)];
      bits >>>= 5;
    }
    String s = new String(c);
    return s.substring(0, 4) + "-" + s.substring(4, 8) + "-" + s.substring(8);
  }

  /** The code as typed or scanned, in its printed form; empty if it cannot be a code. */
  public static Optional<String> normalize(String typed) {
    if (typed == null) return Optional.empty();
    StringBuilder sb = new StringBuilder();
    for (char ch : typed.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
      char c =
          switch (ch) {
            case 'O' -> '0';
            case 'I', 'L' -> '1';
            case '-', ' ' -> 0;
            default -> ch;
          };
      if (c == 0) continue;
      if (new String(ALPHABET).indexOf(c) < 0) return Optional.empty();
      sb.append(c);
    }
    if (sb.length() != 12) return Optional.empty();
    return Optional.of(sb.substring(0, 4) + "-" + sb.substring(4, 8) + "-" + sb.substring(8));
  }
}
