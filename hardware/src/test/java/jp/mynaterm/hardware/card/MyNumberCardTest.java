package jp.mynaterm.hardware.card;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.textap.BasicItems;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.JpkiSignatures;
import org.junit.jupiter.api.Test;

/** The host's card operations against the virtual card in-process. */
class MyNumberCardTest {
  private final VirtualMyNumberCard virtual = TestCards.card();
  private final MyNumberCard card = TestCards.connect(virtual);

  @Test
  void readsTheCertificatesWithoutAPin() {
    CardCertificates certs = TestCards.ok(card.certificates());
    assertEquals(virtual.material().userAuth(), certs.userAuth());
    assertEquals(virtual.material().ca(), certs.ca());
    assertTrue(card.hasMyNumberAtr());
    assertEquals("3BE000FF8131FE4514", card.atrHex());
  }

  @Test
  void askingForTriesLeftSpendsNone() {
    assertEquals(3, TestCards.ok(card.pinTriesLeft()));
    assertEquals(3, TestCards.ok(card.pinTriesLeft()));
  }

  @Test
  void signsAChallengeThatVerifiesWithTheCertificateKey() {
    byte[] challenge = "fresh challenge".getBytes();
    byte[] signature = TestCards.ok(card.signChallenge(TestCards.PIN.toCharArray(), challenge));
    assertEquals(256, signature.length);
    assertTrue(JpkiSignatures.verify(virtual.material().userAuth().getPublicKey(), challenge, signature));
    assertFalse(JpkiSignatures.verify(virtual.material().userAuth().getPublicKey(), "other".getBytes(), signature));
  }

  @Test
  void wrongPinsCountDownThenBlockAndTheRightPinNoLongerHelps() {
    assertEquals(new CardProblem.WrongPin(2), TestCards.problem(card.signChallenge("0000".toCharArray(), new byte[8])));
    CardProblem second = TestCards.problem(card.signChallenge("0000".toCharArray(), new byte[8]));
    assertEquals(new CardProblem.WrongPin(1), second);
    assertTrue(second.describe().contains("one more wrong PIN blocks"), "warns at the last try");
    assertEquals(new CardProblem.PinBlocked(), TestCards.problem(card.signChallenge("0000".toCharArray(), new byte[8])));
    assertEquals(0, TestCards.ok(card.pinTriesLeft()));
    assertEquals(new CardProblem.PinBlocked(), TestCards.problem(card.signChallenge(TestCards.PIN.toCharArray(), new byte[8])));
  }

  @Test
  void theRightPinRestoresTheCounter() {
    TestCards.problem(card.signChallenge("9999".toCharArray(), new byte[8]));
    assertEquals(2, TestCards.ok(card.pinTriesLeft()));
    TestCards.ok(card.signChallenge(TestCards.PIN.toCharArray(), new byte[8]));
    assertEquals(-1, TestCards.ok(card.pinTriesLeft()), "verified in this session");
  }

  @Test
  void disconnectingLeavesNoVerifiedPinForTheNextProgram() {
    TestCards.ok(card.signChallenge(TestCards.PIN.toCharArray(), new byte[8]));
    card.disconnect();
    MyNumberCard next = TestCards.connect(virtual);
    assertEquals(3, TestCards.ok(next.pinTriesLeft()), "PIN no longer verified after the reset");
  }

  @Test
  void aPinOfTheWrongFormIsNeverSent() {
    int before = virtual.commandCount();
    assertInstanceOf(CardProblem.BadPinFormat.class, TestCards.problem(card.signChallenge("12a4".toCharArray(), new byte[8])));
    assertInstanceOf(CardProblem.BadPinFormat.class, TestCards.problem(card.signChallenge("12345".toCharArray(), new byte[8])));
    // Only the two AP selections went out, no VERIFY: the try counter is untouched.
    assertEquals(2, virtual.commandCount() - before);
    assertEquals(3, TestCards.ok(card.pinTriesLeft()));
  }

  @Test
  void readsTheFourBasicItemsWithoutEf0003() {
    BasicItems items = TestCards.ok(card.basicItems(TestCards.PIN.toCharArray()));
    assertEquals(TestCards.resident("1").items(), items);
    assertEquals(0, virtual.myNumberSelections());
  }

  @Test
  void signingWithoutVerifyIsRefusedByTheCard() throws Exception {
    var channel = card.channel();
    channel.selectAid(jp.mynaterm.hardware.card.jpki.JpkiAp.AID, "JPKI");
    channel.selectEf(jp.mynaterm.hardware.card.jpki.JpkiAp.USER_AUTH_KEY);
    var r = channel.send(jp.mynaterm.hardware.card.apdu.Apdus.sign(JpkiSignatures.sha256DigestInfo(new byte[1])), "sign");
    assertEquals(0x6982, r.sw());
  }

  @Test
  void t0StyleAnswersGiveTheSameResults() {
    virtual.faults().t0Style(true);
    assertEquals(virtual.material().userAuth(), TestCards.ok(card.certificates()).userAuth());
    byte[] signature = TestCards.ok(card.signChallenge(TestCards.PIN.toCharArray(), new byte[] {1, 2, 3}));
    assertTrue(JpkiSignatures.verify(virtual.material().userAuth().getPublicKey(), new byte[] {1, 2, 3}, signature));
  }

  @Test
  void aCardPulledMidReadIsReportedAsRemovedAndStaysSo() {
    virtual.faults().pullAfter(4);
    assertEquals(new CardProblem.CardRemoved(), TestCards.problem(card.certificates()));
    assertEquals(new CardProblem.CardRemoved(), TestCards.problem(card.pinTriesLeft()));
  }

  @Test
  void aSlowCardTimesOut() {
    virtual.faults().slowAnswers(java.time.Duration.ofSeconds(3));
    MyNumberCard impatient = new MyNumberCard(new jp.mynaterm.hardware.card.virtual.InProcessCard(virtual), java.time.Duration.ofMillis(200));
    assertInstanceOf(CardProblem.Timeout.class, TestCards.problem(impatient.certificates()));
  }

  @Test
  void notAMyNumberCardWhenTheJpkiApIsMissing() {
    virtual.faults().answerNext(HexFormat.of().parseHex("6A82"));
    assertInstanceOf(CardProblem.NotMyNumberCard.class, TestCards.problem(card.certificates()));
  }

  @Test
  void garbageAndTruncatedAnswersBecomeProblems() {
    virtual.faults().answerNext(new byte[] {0x01});
    assertInstanceOf(CardProblem.MalformedData.class, TestCards.problem(card.pinTriesLeft()));
    // Header says 0x0500 bytes follow, then the card has nothing more.
    virtual.faults().answerNext(HexFormat.of().parseHex("9000"), HexFormat.of().parseHex("9000"),
        HexFormat.of().parseHex("308205009000"), HexFormat.of().parseHex("6B00"));
    assertInstanceOf(CardProblem.UnexpectedStatus.class, TestCards.problem(card.certificates()));
    // A certificate that is not one.
    virtual.faults().answerNext(HexFormat.of().parseHex("9000"), HexFormat.of().parseHex("9000"),
        HexFormat.of().parseHex("300400009000"), HexFormat.of().parseHex("00009000"));
    assertInstanceOf(CardProblem.MalformedData.class, TestCards.problem(card.certificates()));
  }

  @Test
  void randomStatusWordsNeverEscapeAsExceptions() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 300; i++) {
      byte[] answer = new byte[random.nextInt(6)];
      random.nextBytes(answer);
      virtual.faults().answerNext(answer);
      CardResult<?> r = switch (i % 3) {
        case 0 -> card.certificates();
        case 1 -> card.pinTriesLeft();
        default -> card.basicItems(TestCards.PIN.toCharArray());
      };
      assertNotNull(r);
    }
    assertEquals(0, virtual.myNumberSelections());
  }
}
