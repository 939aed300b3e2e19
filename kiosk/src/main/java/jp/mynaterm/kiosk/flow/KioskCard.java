package jp.mynaterm.kiosk.flow;

/**
 * The card on the kiosk's reader, as the issuance flow needs it. The adapter over PC/SC never
 * retries VERIFY on its own: one {@link #verifyPin} is one try.
 */
public interface KioskCard {

  /** The user-authentication certificate and its CA's (DER), and the CardId; no PIN needed. */
  CardIdentity identify() throws CardProblem;

  /** PIN tries left, without spending one. */
  int triesLeft() throws CardProblem;

  /** One VERIFY with the digits typed on the touch screen's keypad. */
  PinCheck verifyPin(char[] pin) throws CardProblem;

  /**
   * The card's reader has its own PIN pad (PC/SC part 10 {@code FEATURE_VERIFY_PIN_DIRECT}): the PIN
   * is typed there, not on the screen. Asked after {@link #identify}.
   */
  boolean hasPinPad() throws CardProblem;

  /**
   * One VERIFY with the PIN the resident types on the reader's pad; the PIN never reaches this host.
   * Returns when the resident pressed OK or Cancel on the pad, or its time ran out ({@link PinCheck.NotEntered}).
   */
  PinCheck verifyPinOnPad() throws CardProblem;

  /** The card's signature (user-authentication key) over SHA-256 of {@code data}; after the PIN. */
  byte[] sign(byte[] data) throws CardProblem;

  /** Ends the card session: the PIN state on the card is dropped and the reader released. */
  void release();

  record CardIdentity(byte[] certificateDer, byte[] caCertificateDer, String cardId) {}

  sealed interface PinCheck {
    record Verified() implements PinCheck {}

    record Wrong(int triesLeft) implements PinCheck {}

    record Blocked() implements PinCheck {}

    /** Nothing reached the card from the reader's pad (no try spent): Cancel pressed, or no key in time. */
    record NotEntered(boolean cancelled) implements PinCheck {}
  }

  /** Why the card could not be used. */
  final class CardProblem extends Exception {
    public enum Kind {
      REMOVED,
      NOT_A_MY_NUMBER_CARD,
      /** Revoked, expired or not from a trusted CA: refused before a PIN try is spent on it. */
      NOT_ACCEPTED,
      FAILED
    }

    private final Kind kind;

    public CardProblem(Kind kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }
}
