package jp.mynaterm.kiosk.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import jp.mynaterm.hardware.payment.PaymentTerminal;
import jp.mynaterm.hardware.payment.PaymentTerminal.PaymentOutcome;
import jp.mynaterm.hardware.payment.PaymentTerminal.PaymentRequest;
import jp.mynaterm.hardware.payment.PaymentTerminal.RefundOutcome;
import jp.mynaterm.kiosk.flow.HubLink.HubUnavailable;
import jp.mynaterm.kiosk.flow.HubLink.IssueAnswer;
import jp.mynaterm.kiosk.flow.KioskCard.CardProblem;
import jp.mynaterm.kiosk.flow.KioskCard.PinCheck;
import jp.mynaterm.agent.usage.UsageRecorder;
import jp.mynaterm.agent.usage.UsageRecorder.RecorderFull;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.IssueRequestQueued;
import jp.mynaterm.protocol.event.PaymentRefunded;
import jp.mynaterm.protocol.event.PaymentTaken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One resident's visit to the kiosk, from the language screen to "please take your certificate".
 * Every step the page can ask for is a method here; each returns the screen to show. Calls are
 * serialised (one resident, one kiosk), and the blocking ones (card, hub, payment, print) run on the
 * caller's thread, which the web layer gives a virtual thread.
 *
 * <p>Rules it keeps: the PIN goes only to the card and is wiped after use; VERIFY is never retried
 * by the software; nothing is printed without the hub's signed document; a payment id is never
 * charged twice; a print that fails after payment is tried once more, then refunded, and each is
 * recorded; a pulled card or a timeout ends the session and forgets everything.
 */
public final class IssuanceSession {
  private static final Logger log = LoggerFactory.getLogger(IssuanceSession.class);
  /** WCAG 2.2.1: a time limit warns and gives at least 20 seconds to continue. */
  public static final Duration MIN_WARNING = Duration.ofSeconds(20);
  static final int REPRINTS = 1;
  /**
   * A challenge older than this is asked for again before the card signs it: the hub keeps one for
   * three minutes (IssuanceService.CHALLENGE_LIFE), and a resident who keeps interacting keeps the
   * session alive for longer than that.
   */
  static final Duration CHALLENGE_FRESH = Duration.ofMinutes(2);

  private final KioskCard card;
  private final HubLink hub;
  private final PaymentTerminal payment;
  private final CertificatePrinter printer;
  private final UsageRecorder recorder;
  private final Clock clock;
  private final Duration inactivity;
  private final Duration warning;

  /** Read without the session's lock, so the page sees "working…" while a card or hub step runs. */
  private volatile Screen screen = new Screen.ChooseLanguage();
  private volatile String language = "ja";
  private final List<Consumer<Screen>> listeners = new CopyOnWriteArrayList<>();
  private Instant lastActivity;
  private Instant warningDeadline;
  private Screen beforeWarning;

  // What the resident chose and what the card and hub said; all forgotten by wipe().
  private String certificateType;
  private Map<String, String> options = Map.of();
  private int copies = 1;
  private KioskCard.CardIdentity identity;
  private String challenge;
  private Instant challengeAt;
  private boolean pinVerified;
  private IssueAnswer.Granted grant;
  private int paymentAttempts;

  public IssuanceSession(
      KioskCard card, HubLink hub, PaymentTerminal payment, CertificatePrinter printer, UsageRecorder recorder, Clock clock, Duration inactivity, Duration warning) {
    this.card = card;
    this.hub = hub;
    this.payment = payment;
    this.printer = printer;
    this.recorder = recorder;
    this.clock = clock;
    this.inactivity = inactivity;
    this.warning = warning.compareTo(MIN_WARNING) < 0 ? MIN_WARNING : warning;
    this.lastActivity = clock.instant();
  }

  public Screen screen() {
    return screen;
  }

  public String language() {
    return language;
  }

  /**
   * Someone wants to know each screen shown (the kiosk's runtime: a card already in the reader when
   * "insert your card" comes up). Called on the thread that changed the screen, with the session
   * locked: a listener must not block; it hands work to another thread.
   */
  public void onScreen(Consumer<Screen> listener) {
    listeners.add(listener);
  }

  public synchronized Screen chooseLanguage(String tag) {
    touch();
    if (!(screen instanceof Screen.ChooseLanguage)) return screen;
    language = tag;
    return show(new Screen.ChooseType());
  }

  public synchronized Screen chooseType(String type) {
    touch();
    if (!(screen instanceof Screen.ChooseType)) return screen;
    certificateType = type;
    return show(new Screen.ChooseOptions(type));
  }

  /**
   * The options are chosen: the hub is asked for a challenge for this type now, so what the calendar
   * forbids (weekdays only, closed day, hours) is refused before the card and the PIN, and the fee
   * is shown before the card. If the hub cannot be reached, the card is still asked for (the
   * challenge is asked again then, and a card-signed request offered if it still cannot).
   */
  public synchronized Screen chooseOptions(Map<String, String> chosen, int copyCount) {
    touch();
    if (!(screen instanceof Screen.ChooseOptions)) return screen;
    options = Map.copyOf(chosen);
    copies = copyCount;
    show(new Screen.Working("issuing.check"));
    Integer feePerCopy = null;
    try {
      switch (hub.challenge(certificateType)) {
        case IssueAnswer.Refused r -> {
          return show(new Screen.Refused(r.code()));
        }
        case HubLink.ChallengeAnswer.Issued c -> {
          keepChallenge(c.challenge());
          feePerCopy = c.feeYenPerCopy();
        }
      }
    } catch (HubUnavailable e) {
      log.warn("hub unreachable before the card: {}", e.getMessage());
    }
    return show(new Screen.InsertCard(feePerCopy == null ? null : feePerCopy * copies, copies));
  }

  /** When the resident last did anything here. */
  public synchronized Instant lastActivity() {
    return lastActivity;
  }

  /** Every touch on the page counts as activity (a PIN digit, an option, copies ±), not only the steps. */
  public synchronized Screen activity() {
    if (!(screen instanceof Screen.TimeoutWarning)) touch();
    return screen;
  }

  /**
   * One step back, where the resident is choosing: from the type to the language, from the options to
   * the type, from the card or the PIN to the options (the card is let go; nothing has been sent).
   */
  public synchronized Screen back() {
    touch();
    return switch (screen) {
      case Screen.ChooseType t -> restart();
      case Screen.ChooseOptions o -> show(new Screen.ChooseType());
      case Screen.InsertCard c -> show(new Screen.ChooseOptions(certificateType));
      case Screen.EnterPin p when !p.offline() -> {
        identity = null;
        releaseCard();
        yield show(new Screen.ChooseOptions(certificateType));
      }
      default -> screen;
    };
  }

  /** The reader reports a card: read its certificate (no PIN), then ask the hub for a challenge. */
  public synchronized Screen cardPresent() {
    touch();
    if (!(screen instanceof Screen.InsertCard)) return screen;
    show(new Screen.Working("card.reading")); // reading the card and asking the hub take a moment
    try {
      identity = card.identify();
      int tries = card.triesLeft();
      if (tries == 0) return show(new Screen.PinBlocked());
      try {
        if (!freshChallenge()) return screen;
      } catch (HubUnavailable e) {
        log.warn("hub unreachable for a challenge: {}", e.getMessage());
        return show(new Screen.HubDown());
      }
      return show(new Screen.EnterPin(tries, false, false));
    } catch (CardProblem p) {
      return cardProblem(p);
    }
  }

  /** One PIN attempt. The digits are wiped from memory whatever happens. */
  public synchronized Screen enterPin(char[] pin) {
    touch();
    try {
      if (!(screen instanceof Screen.EnterPin pinScreen)) return screen;
      PinCheck check = card.verifyPin(pin);
      return switch (check) {
        case PinCheck.Blocked b -> show(new Screen.PinBlocked());
        case PinCheck.Wrong w when w.triesLeft() == 0 -> show(new Screen.PinBlocked());
        case PinCheck.Wrong w -> show(new Screen.EnterPin(w.triesLeft(), true, pinScreen.offline()));
        case PinCheck.Verified v -> {
          pinVerified = true;
          yield pinScreen.offline() ? queueRequest() : askHub();
        }
      };
    } catch (CardProblem p) {
      return cardProblem(p);
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  /**
   * Makes sure a challenge the hub still holds is at hand, asking for one if there is none or it is
   * old; false (with the refusal shown) if the hub now refuses the type.
   */
  private boolean freshChallenge() throws HubUnavailable {
    if (challenge != null && Duration.between(challengeAt, clock.instant()).compareTo(CHALLENGE_FRESH) < 0) return true;
    switch (hub.challenge(certificateType)) {
      case IssueAnswer.Refused r -> {
        show(new Screen.Refused(r.code()));
        return false;
      }
      case HubLink.ChallengeAnswer.Issued c -> keepChallenge(c.challenge());
    }
    return true;
  }

  private void keepChallenge(String value) {
    challenge = value;
    challengeAt = clock.instant();
  }

  private Screen askHub() throws CardProblem {
    show(new Screen.Working("issuing.wait")); // the PIN is accepted: say so while the card signs
    try {
      if (!freshChallenge()) return screen;
    } catch (HubUnavailable e) {
      log.warn("hub unreachable for a fresh challenge: {}", e.getMessage());
      return show(new Screen.HubDown());
    }
    byte[] challengeBytes = Base64.getDecoder().decode(challenge);
    byte[] signature = card.sign(challengeBytes);
    var request =
        new jp.mynaterm.protocol.message.RequestBody.Issuance(
            certificateType, options, copies, base64(identity.certificateDer()), base64(identity.caCertificateDer()), challenge, base64(signature));
    try {
      IssueAnswer answer = hub.issue(request);
      return switch (answer) {
        case IssueAnswer.Refused r -> show(new Screen.Refused(r.code()));
        case IssueAnswer.Granted g -> {
          grant = g;
          yield show(new Screen.Fee(g.feeYen(), copies));
        }
      };
    } catch (HubUnavailable e) {
      log.warn("hub unreachable for issuance: {}", e.getMessage());
      return show(new Screen.HubDown());
    }
  }

  /** The resident accepts leaving a card-signed request while the hub is unreachable. */
  public synchronized Screen acceptOfflineRequest() {
    touch();
    if (!(screen instanceof Screen.HubDown)) return screen;
    if (!pinVerified) {
      try {
        return show(new Screen.EnterPin(card.triesLeft(), false, true));
      } catch (CardProblem p) {
        return cardProblem(p);
      }
    }
    try {
      return queueRequest();
    } catch (CardProblem p) {
      return cardProblem(p);
    }
  }

  private Screen queueRequest() throws CardProblem {
    String requestId = "req-" + UUID.randomUUID().toString().substring(0, 8);
    // What the card signs: the request itself, so the counter can check it was this card's holder.
    byte[] signature = card.sign(IssueRequestQueued.signedContent(requestId, certificateType, options, copies));
    try {
      recorder.record(
          new IssueRequestQueued(
              requestId, certificateType, options, copies, new CardId(identity.cardId()), base64(identity.certificateDer()),
              base64(identity.caCertificateDer()), base64(signature)));
    } catch (RecorderFull e) {
      return show(new Screen.Fault("outbox full"));
    }
    releaseCard();
    return show(new Screen.Queued(requestId));
  }

  /** The resident confirms the fee: take the payment, then print while asking for the card back. */
  public synchronized Screen pay() {
    touch();
    if (!(screen instanceof Screen.Fee) && !(screen instanceof Screen.PaymentFailed)) return screen;
    if (grant == null) return screen;
    String paymentId = "pay-" + grant.verificationCode() + "-" + (++paymentAttempts);
    show(new Screen.Paying());
    PaymentOutcome outcome = payment.charge(new PaymentRequest(paymentId, grant.feeYen(), certificateType + " x" + copies));
    return switch (outcome) {
      case PaymentOutcome.Declined d -> show(new Screen.PaymentFailed("declined"));
      case PaymentOutcome.Cancelled c -> show(new Screen.PaymentFailed("cancelled"));
      case PaymentOutcome.Unavailable u -> show(new Screen.PaymentFailed("unavailable"));
      case PaymentOutcome.Paid paid -> printPaid(paid);
    };
  }

  private Screen printPaid(PaymentOutcome.Paid paid) {
    try {
      recorder.record(new PaymentTaken(paid.paymentId(), paid.amountYen(), paid.method(), certificateType));
    } catch (RecorderFull e) {
      // Without a durable record the payment must not stand: give the money back at once.
      payment.refund(paid.paymentId(), "outbox-full");
      return show(new Screen.Fault("outbox full"));
    }
    show(new Screen.PrintingTakeCard());
    releaseCard();
    for (int attempt = 0; attempt <= REPRINTS; attempt++) {
      try {
        printer.print(grant.document(), copies);
        boolean recorded =
            recordQuietly(new CertificateIssued(certificateType, grant.verificationCode(), copies, grant.feeYen(), paid.paymentId(), grant.documentDigest()));
        return show(recorded ? new Screen.TakeCertificate() : new Screen.Fault("outbox full"));
      } catch (CertificatePrinter.PrintProblem e) {
        log.warn("print attempt {} failed: {}", attempt + 1, e.getMessage());
      }
    }
    RefundOutcome refund = payment.refund(paid.paymentId(), "print-failed");
    if (refund instanceof RefundOutcome.Refunded r) {
      boolean recorded = recordQuietly(new PaymentRefunded(paid.paymentId(), r.amountYen(), "print-failed"));
      return show(recorded ? new Screen.PrintFailed(r.amountYen()) : new Screen.Fault("outbox full"));
    }
    return show(new Screen.Fault("refund failed: " + ((RefundOutcome.NotRefunded) refund).reason()));
  }

  /** The resident took the certificate. */
  public synchronized Screen finish() {
    touch();
    if (screen instanceof Screen.TakeCertificate) return show(new Screen.Done());
    return screen;
  }

  /** The reader reports the card gone. Before payment this ends the session; during printing it is asked for. */
  public synchronized Screen cardRemoved() {
    if (!screen.waitsForResident() || screen instanceof Screen.TakeCertificate || screen instanceof Screen.Done) return screen;
    if (screen instanceof Screen.ChooseLanguage || screen instanceof Screen.ChooseType || screen instanceof Screen.ChooseOptions || screen instanceof Screen.InsertCard) {
      return screen;
    }
    wipe();
    return show(new Screen.CardRemoved());
  }

  /** Cancel from any screen where the resident is in control; nothing is charged. */
  public synchronized Screen cancel() {
    if (!screen.waitsForResident()) return screen;
    wipe();
    return show(new Screen.ChooseLanguage());
  }

  /** Back to the start after a final screen (done, refused, removed, queued, …). */
  public synchronized Screen restart() {
    wipe();
    return show(new Screen.ChooseLanguage());
  }

  /** The resident asks for more time on the warning. */
  public synchronized Screen continueSession() {
    touch();
    if (screen instanceof Screen.TimeoutWarning && beforeWarning != null) {
      Screen back = beforeWarning;
      beforeWarning = null;
      warningDeadline = null;
      return show(back);
    }
    return screen;
  }

  /** Called every second by the kiosk: warns after inactivity, wipes when the warning runs out. */
  public synchronized Screen tick() {
    Instant now = clock.instant();
    if (screen instanceof Screen.TimeoutWarning) {
      if (!now.isBefore(warningDeadline)) {
        log.info("session wiped after inactivity");
        wipe();
        return show(new Screen.ChooseLanguage());
      }
      return show(new Screen.TimeoutWarning(Duration.between(now, warningDeadline).toSeconds()));
    }
    boolean idleStart = screen instanceof Screen.ChooseLanguage && certificateType == null;
    if (screen.waitsForResident() && !idleStart && Duration.between(lastActivity, now).compareTo(inactivity) >= 0) {
      beforeWarning = screen;
      warningDeadline = now.plus(warning);
      return show(new Screen.TimeoutWarning(warning.toSeconds()));
    }
    return screen;
  }

  private void touch() {
    lastActivity = clock.instant();
  }

  private Screen cardProblem(CardProblem p) {
    return switch (p.kind()) {
      case REMOVED -> {
        wipe();
        yield show(new Screen.CardRemoved());
      }
      case NOT_A_MY_NUMBER_CARD -> show(new Screen.CardUnusable());
      case NOT_ACCEPTED -> {
        log.info("card not accepted: {}", p.getMessage());
        wipe();
        yield show(new Screen.Refused("card-not-accepted"));
      }
      case FAILED -> {
        log.warn("card failed: {}", p.getMessage());
        yield show(new Screen.CardUnusable());
      }
    };
  }

  /** Records an event that follows something already done (paid, printed); false if the outbox is full. */
  private boolean recordQuietly(jp.mynaterm.protocol.event.UsageEvent e) {
    try {
      recorder.record(e);
      return true;
    } catch (RecorderFull full) {
      log.error("outbox full: {} could not be recorded", e.getClass().getSimpleName());
      return false;
    }
  }

  /** Forget everything about this resident and let go of the card. */
  private void wipe() {
    certificateType = null;
    options = Map.of();
    copies = 1;
    identity = null;
    challenge = null;
    challengeAt = null;
    pinVerified = false;
    grant = null;
    paymentAttempts = 0;
    beforeWarning = null;
    warningDeadline = null;
    releaseCard();
  }

  private void releaseCard() {
    try {
      card.release();
    } catch (RuntimeException e) {
      log.warn("releasing the card failed: {}", e.getMessage());
    }
  }

  private Screen show(Screen next) {
    // The resident's language stays for the screens that still speak to them ("please take your
    // card", "the card was removed"); the next resident starts in Japanese.
    if (next instanceof Screen.ChooseLanguage) language = "ja";
    screen = next;
    for (var l : listeners) {
      try {
        l.accept(next);
      } catch (RuntimeException e) {
        log.warn("screen listener failed: {}", e.getMessage());
      }
    }
    return next;
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
