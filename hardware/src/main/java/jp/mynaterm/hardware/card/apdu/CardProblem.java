package jp.mynaterm.hardware.card.apdu;

import java.time.Duration;
import java.util.HexFormat;

/**
 * Why a card operation did not succeed, as a value callers switch over. Descriptions are for an
 * operator and never contain a PIN or personal data.
 */
public sealed interface CardProblem {
  String describe();

  record NoCard(String reader) implements CardProblem {
    public String describe() {
      return "no card in " + reader;
    }
  }

  record ReaderUnavailable(String detail) implements CardProblem {
    public String describe() {
      return "reader unavailable: " + detail;
    }
  }

  record CardRemoved() implements CardProblem {
    public String describe() {
      return "the card was removed";
    }
  }

  record NotMyNumberCard(String detail) implements CardProblem {
    public String describe() {
      return "not a My Number card (" + detail + ")";
    }
  }

  /** A wrong PIN; the card now allows {@code triesLeft} more tries (1 means the next wrong one blocks it). */
  record WrongPin(int triesLeft) implements CardProblem {
    public String describe() {
      return triesLeft == 1
          ? "wrong PIN; 1 try left - one more wrong PIN blocks the card"
          : "wrong PIN; " + triesLeft + " tries left";
    }
  }

  /** A wrong PIN, and the card does not say how many tries are left ({@code 63 00}). */
  record WrongPinTriesUnknown() implements CardProblem {
    public String describe() {
      return "wrong PIN; the card does not say how many tries are left";
    }
  }

  record PinBlocked() implements CardProblem {
    public String describe() {
      return "the PIN is blocked; the holder must have it reset at the city office";
    }
  }

  /**
   * The resident did not finish typing the PIN on the reader's pad ({@code cancelled}: pressed Cancel;
   * else the pad's time ran out). The card saw no VERIFY: no try was spent.
   */
  record PinEntryNotMade(boolean cancelled) implements CardProblem {
    public String describe() {
      return cancelled ? "the PIN entry on the reader's pad was cancelled" : "no PIN was typed on the reader's pad in time";
    }
  }

  /** Another program holds the card exclusively (a PIN session of its own): this one may not use it now. */
  record CardInUse() implements CardProblem {
    public String describe() {
      return "another program is using the card";
    }
  }

  /** Not sent to the card: a PIN of the wrong form would only waste a try. */
  record BadPinFormat(String expected) implements CardProblem {
    public String describe() {
      return "the PIN must be " + expected;
    }
  }

  record SecurityStatusNotSatisfied(String during) implements CardProblem {
    public String describe() {
      return "security status not satisfied during " + during + " (PIN not verified)";
    }
  }

  record UnexpectedStatus(int sw, String during) implements CardProblem {
    public String describe() {
      return "unexpected status word " + hex(sw) + " during " + during;
    }
  }

  record MalformedData(String what) implements CardProblem {
    public String describe() {
      return "malformed data from the card: " + what;
    }
  }

  record Timeout(Duration after, String during) implements CardProblem {
    public String describe() {
      return "the card did not answer within " + after.toMillis() + " ms during " + during;
    }
  }

  /** The My Number guard stopped a command before it left the process. */
  record RefusedByGuard(String reason) implements CardProblem {
    public String describe() {
      return "refused: " + reason;
    }
  }

  static String hex(int sw) {
    return HexFormat.of().withUpperCase().toHexDigits((short) sw);
  }
}
