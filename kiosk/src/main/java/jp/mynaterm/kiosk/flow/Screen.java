package jp.mynaterm.kiosk.flow;

/**
 * What the kiosk shows now. The page renders each from message bundles; {@link #instruction()} is
 * the message key spoken when speech is on (and at key moments: take your card, take your
 * certificate).
 */
public sealed interface Screen {

  record ChooseLanguage() implements Screen {}

  record ChooseType() implements Screen {}

  record ChooseOptions(String certificateType) implements Screen {}

  /**
   * @param feeYen for all copies, as the hub said before the card; null if it could not be asked
   * @param copies how many
   */
  record InsertCard(Integer feeYen, int copies) implements Screen {}

  /**
   * @param triesLeft shown before each attempt
   * @param wasWrong the previous attempt was wrong
   * @param offline the PIN is for a request left while the hub is unreachable
   * @param onPad the reader has its own PIN pad (PC/SC part 10): the resident types the PIN there,
   *     where it goes to the card without passing through the kiosk; the screen shows no keypad
   */
  record EnterPin(int triesLeft, boolean wasWrong, boolean offline, boolean onPad) implements Screen {
    /** On the touch screen's keypad (a reader without a PIN pad). */
    public EnterPin(int triesLeft, boolean wasWrong, boolean offline) {
      this(triesLeft, wasWrong, offline, false);
    }

    public boolean lastTry() {
      return triesLeft == 1;
    }
  }

  record Working(String messageKey) implements Screen {}

  record Fee(int feeYen, int copies) implements Screen {}

  record Paying() implements Screen {}

  /** Printing; the card is no longer needed, so the resident is asked to take it now. */
  record PrintingTakeCard() implements Screen {}

  record TakeCertificate() implements Screen {}

  record Done() implements Screen {}

  /** @param code the hub's refusal code; the message is {@code refused.<code>} */
  record Refused(String code) implements Screen {}

  record PinBlocked() implements Screen {}

  record CardUnusable() implements Screen {}

  record CardRemoved() implements Screen {}

  /** The hub cannot be reached: the kiosk says so and offers a card-signed request. */
  record HubDown() implements Screen {}

  /**
   * How the resident wants a request left while the hub is down: collected at the counter or sent by
   * post (to the registered address), with the fee of each; a phone number for questions is optional.
   */
  record RequestChoice(int counterFeeYen, int postFeeYen, int copies) implements Screen {}

  /** @param delivery counter or post; @param feeYen the fee stated, paid when it is fulfilled */
  record Queued(String requestId, String delivery, int feeYen) implements Screen {}

  /** @param reason {@code declined}, {@code cancelled} or {@code unavailable}; nothing was charged */
  record PaymentFailed(String reason) implements Screen {}

  /** No copy came out; the whole fee is back. */
  record PrintFailed(int refundedYen) implements Screen {}

  /** Some copies came out (take them); the fee for the rest is back. */
  record PartlyPrinted(int printed, int copies, int refundedYen) implements Screen {}

  /**
   * The money could not be given back: it is recorded and staff are alerted; the resident waits for
   * them with the reference (the certificate's code).
   */
  record RefundFailed(int owedYen, String reference) implements Screen {}

  /** @param secondsLeft before the session is wiped; at least 20 when the warning appears */
  record TimeoutWarning(long secondsLeft) implements Screen {}

  /** The kiosk cannot serve (e.g. its outbox is full): staff are needed. */
  record Fault(String detail) implements Screen {}

  /** The message key of this screen's instruction, shown as its heading and spoken. */
  default String instruction() {
    return switch (this) {
      case ChooseLanguage s -> "lang.prompt";
      case ChooseType s -> "type.prompt";
      case ChooseOptions s -> "options.prompt";
      case InsertCard s -> "card.prompt";
      case EnterPin s -> s.lastTry() ? "pin.lastTry" : s.onPad() ? "pin.onPad" : "pin.prompt";
      case Working s -> s.messageKey();
      case Fee s -> "fee.show";
      case Paying s -> "pay.prompt";
      case PrintingTakeCard s -> "print.takeCard";
      case TakeCertificate s -> "print.takeCertificate";
      case Done s -> "done.thanks";
      case Refused s -> "refused." + s.code();
      case PinBlocked s -> "pin.blocked";
      case CardUnusable s -> "card.notMyNumber";
      case CardRemoved s -> "card.removed";
      case HubDown s -> "hub.down.offer";
      case RequestChoice s -> "request.prompt";
      case Queued s -> "hub.down.queued";
      case PaymentFailed s -> s.reason().equals("unavailable") ? "pay.unavailable" : "pay.declined";
      case PrintFailed s -> "print.failedRefunded";
      case PartlyPrinted s -> "print.partlyRefunded";
      case RefundFailed s -> "refund.failedStaffCalled";
      case TimeoutWarning s -> "timeout.warning";
      case Fault s -> "common.callStaff";
    };
  }

  /**
   * Whether the inactivity timer runs here (and Cancel is offered): not while paying or printing, which
   * the kiosk drives, nor while the reader's PIN pad waits for the PIN (its own timer runs, and its
   * Cancel key cancels: the card is busy until the pad answers).
   */
  default boolean waitsForResident() {
    return !(this instanceof Working || this instanceof Paying || this instanceof PrintingTakeCard || this instanceof EnterPin p && p.onPad());
  }
}
