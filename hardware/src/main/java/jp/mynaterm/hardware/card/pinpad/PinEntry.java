package jp.mynaterm.hardware.card.pinpad;

import java.util.Arrays;

/** How the resident gives a PIN for one VERIFY: typed on a resident-facing keypad or screen, or on the reader's own pad. */
public sealed interface PinEntry {
  /**
   * Digits typed on a resident-facing keypad or screen, in an array that is wiped once sent (never a String).
   */
  record Typed(char[] digits) implements PinEntry {
    public void wipe() {
      if (digits != null) Arrays.fill(digits, '\0');
    }

    @Override
    public String toString() {
      return "Typed[****]"; // a record's own toString would print the digits
    }
  }

  /** On the reader's pad: the PIN never reaches the host. */
  record OnReaderPad(PinPad pad) implements PinEntry {}
}
