package jp.mynaterm.kiosk.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.mynaterm.hardware.payment.PaymentTerminal.PaymentOutcome;
import jp.mynaterm.hardware.payment.SimulatedPaymentTerminal;
import jp.mynaterm.hardware.payment.SimulatedPaymentTerminal.Behaviour;
import jp.mynaterm.kiosk.money.TransactionJournal;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.CertificateVoided;
import jp.mynaterm.protocol.event.StaffAlert;
import jp.mynaterm.protocol.event.IssueRequestQueued;
import jp.mynaterm.protocol.event.PaymentRefunded;
import jp.mynaterm.protocol.event.PaymentTaken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resident's way through the kiosk, and every way off it. */
class IssuanceSessionTest {
  @TempDir Path dir;

  private Fakes.Card card;
  private Fakes.Hub hub;
  private Fakes.Printer printer;
  private Fakes.Recorder recorder;
  private Fakes.MovableClock clock;
  private SimulatedPaymentTerminal payment;
  private IssuanceSession session;
  private TransactionJournal journal;

  @BeforeEach
  void setUp() {
    card = new Fakes.Card();
    hub = new Fakes.Hub();
    printer = new Fakes.Printer();
    recorder = new Fakes.Recorder();
    clock = new Fakes.MovableClock();
    payment = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "paypay");
    journal = Fakes.journal(dir);
    session = new IssuanceSession(card, hub, payment, printer, recorder, journal, clock, Duration.ofSeconds(60), Duration.ofSeconds(5));
  }

  private Screen toPin() {
    session.chooseLanguage("en");
    session.chooseType("juminhyo");
    session.chooseOptions(Map.of("scope", "self"), 1);
    return session.cardPresent();
  }

  private Screen pin(String digits) {
    return session.enterPin(digits.toCharArray());
  }

  @Test
  void happyPathPrintsTheSignedDocumentAfterPaymentAndRecordsBoth() {
    assertEquals(new Screen.EnterPin(3, false, false), toPin());
    char[] typed = "1234".toCharArray();
    assertEquals(new Screen.Fee(250, 1), session.enterPin(typed));
    assertArrayEquals(new char[4], typed, "the PIN is wiped after use");
    assertEquals(new Screen.TakeCertificate(), session.pay());
    assertEquals(List.of(Fakes.Hub.DOCUMENT), printer.printed);
    assertEquals(List.of(PaymentTaken.class, CertificateIssued.class), recorder.kinds());
    var issued = (CertificateIssued) recorder.events.get(1);
    assertEquals("K7Q2-M9XD-4HRT", issued.verificationCode());
    assertEquals(((PaymentTaken) recorder.events.get(0)).paymentId(), issued.paymentId());
    org.awaitility.Awaitility.await("the card is released (beside the printing)").atMost(Duration.ofSeconds(10)).until(() -> card.releases >= 1);
    assertEquals(new Screen.Done(), session.finish());
    assertEquals(1, payment.chargesTaken());
  }

  @Test
  void theHubGetsTheCardsSignatureOverItsChallenge() {
    toPin();
    pin("1234");
    var req = hub.requests.get(0);
    assertEquals("Y2hhbGxlbmdl", req.challenge());
    assertArrayEquals(java.util.Base64.getDecoder().decode("Y2hhbGxlbmdl"), card.signed.get(0));
    assertEquals("juminhyo", req.certificateType());
  }

  @Test
  void wrongPinsShowTriesLeftWarnOnTheLastAndNeverRetryByThemselves() {
    toPin();
    assertEquals(new Screen.EnterPin(2, true, false), pin("0000"));
    Screen last = pin("1111");
    assertEquals(new Screen.EnterPin(1, true, false), last);
    assertTrue(((Screen.EnterPin) last).lastTry());
    assertEquals("pin.lastTry", last.instruction());
    assertEquals(new Screen.PinBlocked(), pin("2222"));
    assertEquals(3, card.verifyCalls, "one VERIFY per attempt, none added");
    assertEquals(List.of(), printer.printed);
  }

  @Test
  void aBlockedCardIsExplainedBeforeAnyPin() {
    card.tries = 0;
    assertEquals(new Screen.PinBlocked(), toPin());
    assertEquals("pin.blocked", session.screen().instruction());
    assertEquals(0, card.verifyCalls);
  }

  @Test
  void aRefusalShowsTheHubsReasonAndTakesNoMoney() {
    hub.refuse = "weekdays-only";
    toPin();
    assertEquals(new Screen.Refused("weekdays-only"), pin("1234"));
    assertEquals(new Screen.Refused("weekdays-only"), session.pay());
    assertEquals(0, payment.chargesTaken());
  }

  @Test
  void hubDownBeforeThePinOffersACardSignedRequest() {
    hub.reachableForChallenge = false;
    assertEquals(new Screen.HubDown(), toPin());
    assertEquals(new Screen.RequestChoice(300, 410, 1), session.acceptOfflineRequest(), "the fee, at the counter or by post");
    assertEquals(new Screen.EnterPin(3, false, true), session.chooseRequest("post", "0575331122"));
    Screen queued = pin("1234");
    assertInstanceOf(Screen.Queued.class, queued);
    var event = assertInstanceOf(IssueRequestQueued.class, recorder.events.get(0));
    assertEquals(((Screen.Queued) queued).requestId(), event.requestId());
    assertEquals("juminhyo", event.certificateType());
    assertEquals(List.of("post", "0575331122", 410), List.of(event.delivery(), event.contact(), event.feeYen()));
    assertEquals(new Screen.Queued(event.requestId(), "post", 410), queued);
    assertEquals(java.util.Base64.getEncoder().encodeToString(new byte[] {9, 9, 9}), event.signature(), "signed by the card");
    assertArrayEquals(
        IssueRequestQueued.signedContent(event.requestId(), event.certificateType(), event.options(), event.copies()), card.signed.get(0),
        "the card signs exactly the request the counter will check");
    assertEquals(List.of(), printer.printed, "never prints without the hub's signed document");
    assertEquals(0, payment.chargesTaken());
  }

  @Test
  void hubDownAfterThePinQueuesWithoutAskingAgain() {
    hub.reachableForIssue = false;
    toPin();
    assertEquals(new Screen.HubDown(), pin("1234"));
    assertInstanceOf(Screen.RequestChoice.class, session.acceptOfflineRequest());
    assertEquals(new Screen.RequestChoice(300, 410, 1), session.chooseRequest("counter", "not digits"), "a contact is digits or nothing");
    assertInstanceOf(Screen.Queued.class, session.chooseRequest("counter", ""));
    assertEquals(1, card.verifyCalls);
    assertEquals(List.of(IssueRequestQueued.class), recorder.kinds());
  }

  @Test
  void aDeclinedPaymentChargesNothingAndCanBeTriedAgain() {
    toPin();
    pin("1234");
    payment.script(Behaviour.DECLINE);
    assertEquals(new Screen.PaymentFailed("declined"), session.pay());
    assertEquals(List.of(), printer.printed);
    assertEquals(new Screen.TakeCertificate(), session.pay());
    assertEquals(1, payment.chargesTaken());
    assertEquals(List.of(PaymentTaken.class, CertificateIssued.class), recorder.kinds());
  }

  @Test
  void anUnavailablePaymentTerminalIsSaidPlainly() {
    toPin();
    pin("1234");
    payment.script(Behaviour.UNAVAILABLE);
    Screen s = session.pay();
    assertEquals(new Screen.PaymentFailed("unavailable"), s);
    assertEquals("pay.unavailable", s.instruction());
  }

  @Test
  void aPrintThatFailsOnceIsReprinted() {
    toPin();
    pin("1234");
    printer.failuresLeft = 1;
    assertEquals(new Screen.TakeCertificate(), session.pay());
    assertEquals(1, printer.printed.size());
  }

  @Test
  void aPrintThatKeepsFailingIsRefundedAndRecorded() {
    toPin();
    pin("1234");
    printer.failuresLeft = 5;
    assertEquals(new Screen.PrintFailed(250), session.pay());
    assertEquals(List.of(PaymentTaken.class, CertificateVoided.class, PaymentRefunded.class), recorder.kinds());
    String paymentId = ((PaymentTaken) recorder.events.get(0)).paymentId();
    assertEquals(paymentId, ((PaymentRefunded) recorder.events.get(2)).paymentId());
    assertInstanceOf(PaymentOutcome.Paid.class, payment.lookup(paymentId).orElseThrow());
  }

  @Test
  void aFullOutboxAfterPaymentGivesTheMoneyBack() {
    toPin();
    pin("1234");
    recorder.full = true;
    assertInstanceOf(Screen.Fault.class, session.pay());
    assertEquals(List.of(), printer.printed);
    assertInstanceOf(jp.mynaterm.hardware.payment.PaymentTerminal.RefundOutcome.Refunded.class, payment.refund("pay-K7Q2-M9XD-4HRT-1", "check"));
  }

  @Test
  void aPulledCardEndsTheSessionCleanly() {
    toPin();
    card.present = false;
    assertEquals(new Screen.CardRemoved(), session.cardRemoved());
    assertEquals("en", session.language(), "the resident reads why in the language they chose");
    assertTrue(card.releases >= 1);
    assertEquals(new Screen.CardRemoved(), pin("1234"), "nothing more happens in a wiped session");
    assertEquals(0, card.verifyCalls);
    assertEquals(new Screen.ChooseLanguage(), session.restart());
    assertEquals("ja", session.language(), "the next resident starts fresh");
  }

  @Test
  void aCardPulledDuringAPinCheckIsTheSameAsAPulledCard() {
    toPin();
    card.present = false;
    assertEquals(new Screen.CardRemoved(), pin("1234"));
  }

  @Test
  void takingTheCardWhilePrintingIsWhatWeAskFor() {
    toPin();
    pin("1234");
    session.pay();
    assertEquals(new Screen.TakeCertificate(), session.cardRemoved());
  }

  @Test
  void aRevokedOrUntrustedCardIsRefusedBeforeAnyPin() {
    card.notAccepted = true;
    assertEquals(new Screen.Refused("card-not-accepted"), toPin());
    assertEquals(0, card.verifyCalls);
    assertTrue(card.releases >= 1, "the card is let go at once");
  }

  @Test
  void everyScreenShownIsToldToListenersInOrder() {
    List<Screen> seen = new java.util.ArrayList<>();
    session.onScreen(seen::add);
    toPin();
    pin("1234");
    assertEquals(
        List.of(new Screen.ChooseType(), new Screen.ChooseOptions("juminhyo"), new Screen.Working("issuing.check"), new Screen.InsertCard(250, 1),
            new Screen.Working("card.reading"), new Screen.EnterPin(3, false, false),
            new Screen.Working("issuing.wait"), new Screen.Fee(250, 1)),
        seen);
  }

  @Test
  void notAMyNumberCardIsSaidSo() {
    card.myNumberCard = false;
    assertEquals(new Screen.CardUnusable(), toPin());
  }

  @Test
  void inactivityWarnsWithAtLeastTwentySecondsThenWipes() {
    toPin();
    clock.advance(Duration.ofSeconds(59));
    assertInstanceOf(Screen.EnterPin.class, session.tick());
    clock.advance(Duration.ofSeconds(1));
    Screen warn = session.tick();
    assertEquals(new Screen.TimeoutWarning(20), warn, "the configured 5 s is raised to the 20 s minimum");
    assertEquals(new Screen.EnterPin(3, false, false), session.continueSession());
    clock.advance(Duration.ofSeconds(60));
    session.tick();
    clock.advance(Duration.ofSeconds(19));
    assertEquals(new Screen.TimeoutWarning(1), session.tick());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(new Screen.ChooseLanguage(), session.tick());
    assertTrue(card.releases >= 1, "the card is released");
    assertEquals(new Screen.ChooseLanguage(), session.enterPin("1234".toCharArray()));
  }

  @Test
  void onAReaderWithAPinPadThePinIsTypedThereWithTriesLeftAndTheLastTryWarned() {
    card.pad = new java.util.concurrent.LinkedBlockingQueue<>();
    Screen asked = toPin();
    assertEquals(new Screen.EnterPin(3, false, false, true), asked);
    assertEquals("pin.onPad", asked.instruction());
    assertEquals(asked, pin("1234"), "digits from the screen are refused: the PIN is typed on the reader");
    assertEquals(0, card.verifyCalls);
    card.pad.add("0000");
    awaitScreen(new Screen.EnterPin(2, true, false, true));
    card.pad.add("1111");
    awaitScreen(new Screen.EnterPin(1, true, false, true));
    assertEquals("pin.lastTry", session.screen().instruction(), "warned before the last try, as on the touch keypad");
    card.pad.add("1234");
    awaitScreen(new Screen.Fee(250, 1));
    assertEquals(3, card.verifyCalls, "one VERIFY per entry on the pad, none retried");
  }

  @Test
  void thePadsCancelKeyCancelsAndNoKeyInTimeIsInactivity() {
    card.pad = new java.util.concurrent.LinkedBlockingQueue<>();
    Screen asked = toPin();
    assertEquals(asked, session.cancel(), "the card is busy while the pad waits: its own Cancel key cancels");
    assertEquals(asked, session.back());
    card.pad.add(Fakes.Card.PAD_TIMEOUT);
    awaitScreen(new Screen.TimeoutWarning(20));
    session.continueSession();
    card.pad.add(Fakes.Card.PAD_CANCEL); // the pad asks again once the resident continues
    awaitScreen(new Screen.ChooseLanguage());
    assertEquals(0, card.verifyCalls, "neither spent a try");
    assertTrue(card.releases >= 1, "the card is released");
  }

  private void awaitScreen(Screen expected) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> session.screen().equals(expected));
  }

  @Test
  void theIdleStartScreenNeverTimesOut() {
    clock.advance(Duration.ofHours(3));
    assertEquals(new Screen.ChooseLanguage(), session.tick());
  }

  @Test
  void cancelAtTheFeeChargesNothing() {
    toPin();
    pin("1234");
    assertEquals(new Screen.ChooseLanguage(), session.cancel());
    assertEquals(new Screen.ChooseLanguage(), session.pay());
    assertEquals(0, payment.chargesTaken());
    assertEquals(List.of(new CertificateVoided("juminhyo", "K7Q2-M9XD-4HRT", "", "not-paid")), recorder.events, "the hub learns the code was never printed");
  }

  @Test
  void aChargeWhoseAnswerWasLostIsAskedAgainWithTheSameIdAndTakenOnce() {
    toPin();
    pin("1234");
    payment.script(Behaviour.PAY_THEN_TIME_OUT);
    assertEquals(new Screen.PaymentFailed("unavailable"), session.pay());
    assertEquals(new Screen.TakeCertificate(), session.pay());
    assertEquals(1, payment.chargesTaken(), "the terminal had charged; asking again with the same id found it");
    assertEquals("pay-K7Q2-M9XD-4HRT-1", ((PaymentTaken) recorder.events.get(0)).paymentId());
  }

  @Test
  void aResidentWhoLeavesAfterALostAnswerGetsTheMoneyBack() {
    toPin();
    pin("1234");
    payment.script(Behaviour.PAY_THEN_TIME_OUT);
    session.pay();
    assertEquals(new Screen.ChooseLanguage(), session.cancel());
    assertEquals(250, payment.refundedYen("pay-K7Q2-M9XD-4HRT-1"), "unavailable is not taken to mean not charged");
    assertEquals(List.of(PaymentTaken.class, CertificateVoided.class, PaymentRefunded.class), recorder.kinds());
    assertEquals(TransactionJournal.State.REFUNDED, journalEntry().state());
  }

  @Test
  void ofTwoCopiesOnlyWhatCameOutIsChargedAndTheHubHearsHowMany() {
    session.chooseLanguage("en");
    session.chooseType("juminhyo");
    session.chooseOptions(Map.of("scope", "self"), 2);
    session.cardPresent();
    pin("1234");
    printer.goodCopiesFirst = 1;
    printer.failuresLeft = 5;
    assertEquals(new Screen.PartlyPrinted(1, 2, 250), session.pay());
    assertEquals(1, printer.printed.size(), "no reprint of the copy already out");
    assertEquals(250, payment.refundedYen("pay-K7Q2-M9XD-4HRT-1"));
    var issued = assertInstanceOf(CertificateIssued.class, recorder.events.get(1));
    assertEquals(1, issued.copies());
    assertEquals(250, issued.feeYen());
    assertEquals(new PaymentRefunded("pay-K7Q2-M9XD-4HRT-1", 250, "print-failed"), recorder.events.get(2));
  }

  @Test
  void aSheetJammedAfterSendingIsNotReprintedNotBookedAndStaffAreAlerted() {
    toPin();
    pin("1234");
    printer.failuresLeft = 1;
    printer.jams = true;
    assertEquals(new Screen.PrintFailed(250), session.pay());
    assertEquals(List.of(), printer.printed);
    assertEquals(List.of(PaymentTaken.class, StaffAlert.class, CertificateVoided.class, PaymentRefunded.class), recorder.kinds());
    assertEquals("jammed", ((StaffAlert) recorder.events.get(1)).problem());
  }

  @Test
  void aFailedRefundIsRecordedAndStaffAlertedWithTheResidentsReference() {
    toPin();
    pin("1234");
    printer.failuresLeft = 5;
    payment.refundsFail(true);
    assertEquals(new Screen.RefundFailed(250, "K7Q2-M9XD-4HRT"), session.pay());
    assertEquals(new StaffAlert("refund-failed", "K7Q2-M9XD-4HRT", "pay-K7Q2-M9XD-4HRT-1", 250), recorder.events.get(recorder.events.size() - 1));
    TransactionJournal.Entry e = journalEntry();
    assertEquals(TransactionJournal.State.NEEDS_STAFF, e.state());
    assertTrue(e.note().startsWith("refund-failed"), e.note());
  }

  @Test
  void aRestartSettlesWhatTheLastRunLeftOpen() throws Exception {
    toPin();
    pin("1234");
    // The kiosk stopped after the charge, before any copy was sent: the journal says CHARGED.
    var entry = journal.find("K7Q2-M9XD-4HRT").orElseThrow();
    payment.charge(new jp.mynaterm.hardware.payment.PaymentTerminal.PaymentRequest(entry.paymentId(), 250, "x"));
    var afterRestart = new Fakes.Recorder();
    var restartedTerminal = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "paypay");
    assertEquals(1, new jp.mynaterm.kiosk.money.Settlement(journal, restartedTerminal, afterRestart).reconcileAtStart());
    assertEquals(250, restartedTerminal.refundedYen(entry.paymentId()));
    assertEquals(List.of(PaymentTaken.class, CertificateVoided.class, PaymentRefunded.class, StaffAlert.class), afterRestart.kinds());
    assertEquals(0, new jp.mynaterm.kiosk.money.Settlement(journal, restartedTerminal, afterRestart).reconcileAtStart(), "settled once");
  }

  private TransactionJournal.Entry journalEntry() {
    try {
      return journal.find("K7Q2-M9XD-4HRT").orElseThrow();
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aWeekdayOnlyCertificateIsRefusedBeforeTheCardAndThePin() {
    hub.refuseChallenge = "weekdays-only";
    session.chooseLanguage("en");
    session.chooseType("fuhyo");
    assertEquals(new Screen.Refused("weekdays-only"), session.chooseOptions(Map.of(), 1));
    assertEquals(new Screen.Refused("weekdays-only"), session.cardPresent());
    assertEquals(0, card.verifyCalls);
  }

  @Test
  void theFeeIsKnownBeforeTheCard() {
    session.chooseLanguage("en");
    session.chooseType("juminhyo");
    assertEquals(new Screen.InsertCard(500, 2), session.chooseOptions(Map.of("scope", "self"), 2));
  }

  @Test
  void aChallengeOlderThanTheHubKeepsItIsAskedAgainBeforeTheCardSigns() {
    toPin();
    assertEquals(1, hub.challenges, "the challenge asked with the options serves the card read");
    clock.advance(IssuanceSession.CHALLENGE_FRESH.minusSeconds(1));
    session.activity();
    clock.advance(Duration.ofSeconds(1));
    assertEquals(new Screen.Fee(250, 1), pin("1234"));
    assertEquals(2, hub.challenges);
  }

  @Test
  void everyTouchKeepsTheSessionAlive() {
    toPin();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(50));
      session.activity(); // a PIN digit typed on the page
      assertInstanceOf(Screen.EnterPin.class, session.tick());
    }
  }

  @Test
  void backGoesOneStepAndLetsTheCardGo() {
    toPin();
    assertEquals(new Screen.ChooseOptions("juminhyo"), session.back());
    assertTrue(card.releases >= 1);
    assertEquals(new Screen.ChooseType(), session.back());
    assertEquals(new Screen.ChooseLanguage(), session.back());
    assertEquals("ja", session.language(), "back from the type is the start, for the next resident too");
  }
}
