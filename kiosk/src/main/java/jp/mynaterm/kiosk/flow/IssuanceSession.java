package jp.mynaterm.kiosk.flow;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import jp.mynaterm.hardware.payment.PaymentTerminal;
import jp.mynaterm.hardware.payment.PaymentTerminal.PaymentOutcome;
import jp.mynaterm.hardware.payment.PaymentTerminal.PaymentRequest;
import jp.mynaterm.kiosk.flow.HubLink.HubUnavailable;
import jp.mynaterm.kiosk.flow.HubLink.IssueAnswer;
import jp.mynaterm.kiosk.flow.KioskCard.CardProblem;
import jp.mynaterm.kiosk.flow.KioskCard.PinCheck;
import jp.mynaterm.kiosk.money.Settlement;
import jp.mynaterm.kiosk.money.TransactionJournal;
import jp.mynaterm.agent.usage.UsageRecorder;
import jp.mynaterm.config.RequestFeeSettings;
import jp.mynaterm.agent.usage.UsageRecorder.RecorderFull;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.IssueRequestQueued;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One resident's visit to the kiosk, from the language screen to "please take your certificate".
 * Every step the page can ask for is a method here; each returns the screen to show. Calls are
 * serialised (one resident, one kiosk), and the blocking ones (card, hub, payment, print) run on the
 * caller's thread, which the web layer gives a virtual thread.
 *
 * <p>Rules it keeps: the PIN goes only to the card and is wiped after use; VERIFY is never retried
 * by the software; nothing is printed without the hub's signed document; every granted transaction
 * is journaled before money moves and settled by {@link Settlement} (paid for what came out, the
 * rest refunded, the code voided if nothing did); a copy that fails is tried once more unless it
 * jammed inside; a pulled card or a timeout ends the session and forgets everything.
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
  private final Settlement settlement;
  private final RequestFeeSettings requestFees;
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
  private String requestDelivery = "counter";
  private String requestContact = "";
  private int requestFeeYen;

  public IssuanceSession(
      KioskCard card, HubLink hub, PaymentTerminal payment, CertificatePrinter printer, UsageRecorder recorder, TransactionJournal journal, Clock clock,
      Duration inactivity, Duration warning) {
    this(card, hub, payment, printer, recorder, journal, RequestFeeSettings.DEFAULT, clock, inactivity, warning);
  }

  /** @param requestFees what a request left while the hub is down costs ({@code kiosk.requestFees}): per copy, plus postage by post */
  public IssuanceSession(
      KioskCard card, HubLink hub, PaymentTerminal payment, CertificatePrinter printer, UsageRecorder recorder, TransactionJournal journal,
      RequestFeeSettings requestFees, Clock clock, Duration inactivity, Duration warning) {
    this.requestFees = requestFees;
    this.card = card;
    this.hub = hub;
    this.payment = payment;
    this.printer = printer;
    this.recorder = recorder;
    this.settlement = new Settlement(journal, payment, recorder);
    this.clock = clock;
    this.inactivity = inactivity;
    this.warning = warning.compareTo(MIN_WARNING) < 0 ? MIN_WARNING : warning;
    this.lastActivity = clock.instant();
    // A reader with a PIN pad waits for the PIN as soon as a screen asks for it there (on its own
    // thread: listeners must not block, and the pad waits for the resident).
    onScreen(next -> {
      if (next instanceof Screen.EnterPin pin && pin.onPad()) Thread.ofVirtual().name("pin-pad").start(() -> enterPinOnPad(pin));
    });
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
      case Screen.EnterPin p when !p.offline() && !p.onPad() -> { // the pad's own Cancel key ends a PIN entry there
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
      return show(new Screen.EnterPin(tries, false, false, card.hasPinPad()));
    } catch (CardProblem p) {
      return cardProblem(p);
    }
  }

  /** One PIN attempt on the touch screen's keypad. The digits are wiped from memory whatever happens. */
  public synchronized Screen enterPin(char[] pin) {
    touch();
    try {
      // On a reader with a PIN pad the PIN is typed there only: digits from the page are refused.
      if (!(screen instanceof Screen.EnterPin pinScreen) || pinScreen.onPad()) return screen;
      return pinChecked(pinScreen, card.verifyPin(pin));
    } catch (CardProblem p) {
      return cardProblem(p);
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  /**
   * One PIN attempt on the reader's own PIN pad, for the PIN screen {@code asked} (started by the
   * session whenever it shows one with {@link Screen.EnterPin#onPad()}; once the session moved on,
   * nothing happens). The reader waits for OK or Cancel on its pad, or for its own time to run out (a
   * pulled card ends it at once); the session is not held meanwhile, so the page and the timer go on,
   * but the card is: it cannot be let go before the reader answers. The PIN goes from the pad to the
   * card; this host never sees it.
   */
  private Screen enterPinOnPad(Screen.EnterPin asked) {
    synchronized (this) {
      if (screen != asked) return screen;
    }
    PinCheck check = null;
    CardProblem problem = null;
    try {
      check = card.verifyPinOnPad();
    } catch (CardProblem p) {
      problem = p;
    }
    synchronized (this) {
      if (screen != asked) return screen; // a pulled card ended the session meanwhile
      touch(); // the resident pressed a key on the pad (or let its time run out, which the check says)
      try {
        if (problem != null) throw problem;
        return pinChecked(asked, check);
      } catch (CardProblem p) {
        return cardProblem(p);
      }
    }
  }

  /** What one VERIFY's answer shows next, whether the PIN was typed on the screen or on the reader's pad. */
  private Screen pinChecked(Screen.EnterPin pinScreen, PinCheck check) throws CardProblem {
    return switch (check) {
      case PinCheck.Blocked b -> show(new Screen.PinBlocked());
      case PinCheck.Wrong w when w.triesLeft() == 0 -> show(new Screen.PinBlocked());
      case PinCheck.Wrong w -> show(new Screen.EnterPin(w.triesLeft(), true, pinScreen.offline(), pinScreen.onPad()));
      case PinCheck.Verified v -> {
        pinVerified = true;
        yield pinScreen.offline() ? queueRequest() : askHub();
      }
      // The pad's Cancel key is the kiosk's Cancel; no key in time is inactivity: the warning, whose
      // "continue" shows the PIN screen again, and the pad asks again.
      case PinCheck.NotEntered n when n.cancelled() -> restart();
      case PinCheck.NotEntered n -> warnInactive(pinScreen, clock.instant());
    };
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
          printer.prepare(g.document()); // laid out in the background from now on; printed only once paid
          try {
            // The transaction exists before any money moves: a crash from here on is settled at the next start.
            settlement.journal().intent(g.verificationCode(), certificateType, copies, g.feeYen(), g.documentDigest());
          } catch (SQLException e) {
            log.error("transaction journal write failed: {}", e.getMessage());
            yield show(new Screen.Fault("journal"));
          }
          grant = g;
          yield show(new Screen.Fee(g.feeYen(), copies));
        }
      };
    } catch (HubUnavailable e) {
      log.warn("hub unreachable for issuance: {}", e.getMessage());
      return show(new Screen.HubDown());
    }
  }

  /** The resident accepts leaving a card-signed request while the hub is unreachable: how to receive it, and the fee. */
  public synchronized Screen acceptOfflineRequest() {
    touch();
    if (!(screen instanceof Screen.HubDown)) return screen;
    int counter = requestFees.perCopyYen() * copies;
    return show(new Screen.RequestChoice(counter, counter + requestFees.postageYen(), copies));
  }

  /**
   * The resident chose collection at the counter or delivery by post, and maybe left a phone number;
   * then the PIN (if not given yet) and the card's signature over the request.
   *
   * @param contact digits only, or empty (the kiosk never asks for a name or an address: the register has them)
   */
  public synchronized Screen chooseRequest(String delivery, String contact) {
    touch();
    if (!(screen instanceof Screen.RequestChoice choice)) return screen;
    if (!IssueRequestQueued.DELIVERIES.contains(delivery) || !contact.matches(IssueRequestQueued.CONTACT)) return screen;
    requestDelivery = delivery;
    requestContact = contact;
    requestFeeYen = delivery.equals("post") ? choice.postFeeYen() : choice.counterFeeYen();
    try {
      return pinVerified ? queueRequest() : show(new Screen.EnterPin(card.triesLeft(), false, true, card.hasPinPad()));
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
              base64(identity.caCertificateDer()), base64(signature), requestDelivery, requestContact, requestFeeYen));
    } catch (RecorderFull e) {
      return show(new Screen.Fault("outbox full"));
    }
    releaseCard();
    return show(new Screen.Queued(requestId, requestDelivery, requestFeeYen));
  }

  /**
   * The resident confirms the fee: take the payment, then print while asking for the card back. The
   * payment id comes from the journal: a retry after "unavailable" (the terminal may have charged
   * without answering) asks again with the same id; only a definite "declined" or "cancelled" gets a
   * new one.
   */
  public synchronized Screen pay() {
    touch();
    if (!(screen instanceof Screen.Fee) && !(screen instanceof Screen.PaymentFailed)) return screen;
    if (grant == null) return screen;
    TransactionJournal.Entry entry;
    try {
      entry = settlement.journal().find(grant.verificationCode()).orElseThrow();
    } catch (SQLException e) {
      log.error("transaction journal unreadable: {}", e.getMessage());
      return show(new Screen.Fault("journal"));
    }
    show(new Screen.Paying());
    PaymentOutcome outcome = payment.charge(new PaymentRequest(entry.paymentId(), entry.feeYen(), certificateType + " x" + copies));
    try {
      return switch (outcome) {
        case PaymentOutcome.Declined d -> notCharged(entry, "declined");
        case PaymentOutcome.Cancelled c -> notCharged(entry, "cancelled");
        case PaymentOutcome.Unavailable u -> {
          log.warn("payment {} unanswered ({}): asking again will use the same id", entry.paymentId(), u.reason());
          yield show(new Screen.PaymentFailed("unavailable"));
        }
        case PaymentOutcome.Paid paid -> printPaid(entry, paid);
      };
    } catch (SQLException e) {
      log.error("transaction journal write failed: {}", e.getMessage());
      return show(closed(settleQuietly(entry, "journal-failed")).orElse(new Screen.Fault("journal")));
    }
  }

  private Screen notCharged(TransactionJournal.Entry entry, String reason) throws SQLException {
    settlement.journal().nextAttempt(entry.code());
    return show(new Screen.PaymentFailed(reason));
  }

  private Screen printPaid(TransactionJournal.Entry entry, PaymentOutcome.Paid paid) throws SQLException {
    try {
      settlement.charged(entry, paid);
    } catch (RecorderFull e) {
      // Without a durable record the payment must not stand: give the money back at once.
      settleQuietly(entry, "outbox-full");
      return show(new Screen.Fault("outbox full"));
    }
    show(new Screen.PrintingTakeCard());
    // The reset that drops the verified PIN runs beside the printing: the print job does not wait for the card.
    Thread.ofVirtual().name("release-card").start(this::releaseCard);
    TransactionJournal journal = settlement.journal();
    eachCopy:
    for (int copy = 1; copy <= copies; copy++) {
      for (int attempt = 0; attempt <= REPRINTS; attempt++) {
        if (attempt > 0) journal.sending(entry.code(), copy); // the first attempt's was written with the step before
        try {
          printer.print(grant.document(), copy, copies);
          journal.printed(entry.code(), copy, copy < copies);
          continue eachCopy;
        } catch (CertificatePrinter.PrintProblem e) {
          log.warn("copy {} of {}, attempt {} failed: {}", copy, copies, attempt + 1, e.getMessage());
          if (e.mayBeInPrinter()) break eachCopy; // leave "sending" set: the settlement alerts staff to the sheet inside
          journal.notPrinted(entry.code());
        }
      }
      break;
    }
    Settlement.Closed closed = settlement.settle(journal.find(entry.code()).orElseThrow(), "print-failed");
    grant = null; // settled: nothing more to pay or print for this grant
    return show(closed(closed).orElseThrow());
  }

  private Optional<Screen> closed(Optional<Settlement.Closed> closed) {
    return closed.flatMap(this::closed);
  }

  private Optional<Screen> closed(Settlement.Closed closed) {
    return Optional.of(switch (closed) {
      case Settlement.Closed.Settled s when s.printed() == s.copies() -> new Screen.TakeCertificate();
      case Settlement.Closed.Settled s when s.printed() == 0 -> new Screen.PrintFailed(s.refundedYen());
      case Settlement.Closed.Settled s -> new Screen.PartlyPrinted(s.printed(), s.copies(), s.refundedYen());
      case Settlement.Closed.StaffNeeded n -> new Screen.RefundFailed(n.owedYen(), n.reference());
    });
  }

  /** Settles without letting a journal failure escape (the resident is leaving, or the kiosk already failed). */
  private Optional<Settlement.Closed> settleQuietly(TransactionJournal.Entry entry, String reason) {
    try {
      return Optional.of(settlement.settle(settlement.journal().find(entry.code()).orElse(entry), reason));
    } catch (SQLException | RuntimeException e) {
      log.error("transaction {} could not be settled now ({}); it is settled at the next start", entry.code(), e.getMessage());
      return Optional.empty();
    }
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
    if (screen.waitsForResident() && !idleStart && Duration.between(lastActivity, now).compareTo(inactivity) >= 0) return warnInactive(screen, now);
    return screen;
  }

  /** The inactivity warning, with at least 20 seconds to go back to {@code from}. */
  private Screen warnInactive(Screen from, Instant now) {
    beforeWarning = from;
    warningDeadline = now.plus(warning);
    return show(new Screen.TimeoutWarning(warning.toSeconds()));
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

  /**
   * Forget everything about this resident and let go of the card. A grant not carried through is
   * settled first: its code voided, and money a lost answer may have taken given back.
   */
  private void wipe() {
    if (grant != null) {
      String code = grant.verificationCode();
      grant = null;
      try {
        settlement.journal().find(code).filter(TransactionJournal.Entry::unfinished).ifPresent(e -> settleQuietly(e, "not-paid"));
      } catch (SQLException e) {
        log.error("transaction {} left open ({}); it is settled at the next start", code, e.getMessage());
      }
    }
    certificateType = null;
    options = Map.of();
    copies = 1;
    identity = null;
    challenge = null;
    challengeAt = null;
    pinVerified = false;
    grant = null;
    requestDelivery = "counter";
    requestContact = "";
    requestFeeYen = 0;
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
