package jp.mynaterm.hardware.card.textap;

import java.time.LocalDate;

/**
 * The four basic items (基本4情報) printed on the card. Personal data: shown to the holder or staff
 * only, never logged, so {@link #toString} hides them.
 */
public record BasicItems(String name, String address, LocalDate birthDate, Sex sex) {
  /** ISO 5218 codes as the card stores them. */
  public enum Sex {
    MALE('1'),
    FEMALE('2'),
    NOT_APPLICABLE('9'),
    NOT_KNOWN('0');

    private final char code;

    Sex(char code) {
      this.code = code;
    }

    public char code() {
      return code;
    }

    public static Sex ofCode(char c) {
      for (Sex s : values()) if (s.code == c) return s;
      throw new IllegalArgumentException("not an ISO 5218 sex code: " + c);
    }
  }

  @Override
  public String toString() {
    return "BasicItems[personal data hidden]";
  }
}
