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

  @Test
  void aCardThatAnswers61ToEverythingAndTakesGetResponseOnlyWithClass00() {
    virtual.faults().getResponseForAll(true);
    assertEquals(virtual.material().userAuth(), TestCards.ok(card.certificates()).userAuth());
    assertEquals(virtual.material().userAuth().getSerialNumber(), TestCards.ok(card.userAuthCertificateHead()).serial());
    byte[] signature = TestCards.ok(card.signChallenge(TestCards.PIN.toCharArray(), new byte[] {4, 5}));
    assertTrue(JpkiSignatures.verify(virtual.material().userAuth().getPublicKey(), new byte[] {4, 5}, signature));
    assertEquals(TestCards.resident("1").items(), TestCards.ok(card.basicItems(TestCards.PIN.toCharArray())));
  }

  @Test
  void inThatModeAGetResponseOfClass80IsRefusedAndTooLongAOneAnswered6C() {
    virtual.faults().getResponseForAll(true);
    VirtualMyNumberCard other = TestCards.card();
    other.faults().getResponseForAll(true);
    other.process(HexFormat.of().parseHex("00A4040C0AD392F000260100000001"));
    other.process(HexFormat.of().parseHex("00A4020C02000A"));
    assertEquals("6100", HexFormat.of().withUpperCase().formatHex(other.process(HexFormat.of().parseHex("00B0000004"))));
    assertEquals("6E00", HexFormat.of().withUpperCase().formatHex(other.process(HexFormat.of().parseHex("80C0000000"))));
    assertEquals("6100", HexFormat.of().withUpperCase().formatHex(other.process(HexFormat.of().parseHex("00B0000004"))));
    assertEquals("6C04", HexFormat.of().withUpperCase().formatHex(other.process(HexFormat.of().parseHex("00C0000000"))));
  }

  @Test
  void basicItemsOver255BytesAreReadWithTheirFiveByteHeader() throws Exception {
    String longAddress = "岐阜県美濃市" + "泉町１丁目３番地".repeat(12);
    var resident = new jp.mynaterm.hardware.card.virtual.Resident("long-1",
        new BasicItems("美濃　花子", longAddress, java.time.LocalDate.of(1985, 4, 12), BasicItems.Sex.FEMALE));
    var material = TestCards.pki().issue(java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plusSeconds(3600));
    VirtualMyNumberCard longCard = new VirtualMyNumberCard(resident, material, TestCards.PIN, TestCards.pki());
    byte[] file = jp.mynaterm.hardware.card.textap.BasicItemsCodec.encode(resident.items());
    assertEquals("FF2082", HexFormat.of().withUpperCase().formatHex(file, 0, 3), "the file has a two-byte length");
    assertEquals(resident.items(), TestCards.ok(TestCards.connect(longCard).basicItems(TestCards.PIN.toCharArray())));
    longCard.faults().getResponseForAll(true);
    assertEquals(resident.items(), TestCards.ok(TestCards.connect(longCard).basicItems(TestCards.PIN.toCharArray())));
  }

  @Test
  void sixtyThreeHundredIsNotZeroTriesLeft() {
    // VERIFY answered 63 00, then the free question answered 63 C2: two tries left, not blocked.
    virtual.faults().answerNext(HexFormat.of().parseHex("9000"), HexFormat.of().parseHex("9000"),
        HexFormat.of().parseHex("6300"), HexFormat.of().parseHex("63C2"));
    assertEquals(new CardProblem.WrongPin(2), TestCards.problem(card.signChallenge("0000".toCharArray(), new byte[1])));
    // A card that never gives a counter.
    virtual.faults().answerNext(HexFormat.of().parseHex("9000"), HexFormat.of().parseHex("9000"),
        HexFormat.of().parseHex("6300"), HexFormat.of().parseHex("6300"));
    assertEquals(new CardProblem.WrongPinTriesUnknown(), TestCards.problem(card.signChallenge("0000".toCharArray(), new byte[1])));
    // Asked for the tries left, 63 00 is no count at all.
    virtual.faults().answerNext(HexFormat.of().parseHex("9000"), HexFormat.of().parseHex("9000"), HexFormat.of().parseHex("6300"));
    assertEquals(new CardProblem.UnexpectedStatus(0x6300, "VERIFY user-auth PIN (tries left)"), TestCards.problem(card.pinTriesLeft()));
  }

  @Test
  void anInterruptedWaitLeavesTheConnectionBroken() throws Exception {
    virtual.faults().slowAnswers(java.time.Duration.ofSeconds(2));
    var slow = new MyNumberCard(new jp.mynaterm.hardware.card.virtual.InProcessCard(virtual), java.time.Duration.ofSeconds(30));
    var first = new java.util.concurrent.atomic.AtomicReference<CardResult<Integer>>();
    Thread waiter = Thread.ofPlatform().start(() -> first.set(slow.pinTriesLeft()));
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
    waiter.interrupt();
    waiter.join(10_000);
    assertInstanceOf(CardProblem.Timeout.class, TestCards.problem(first.get()));
    virtual.faults().clear();
    CardProblem next = TestCards.problem(slow.pinTriesLeft());
    assertInstanceOf(CardProblem.Timeout.class, next);
    assertTrue(next.describe().contains("an earlier command"), next.describe());
  }

  @Test
  void readingPastTheEndIsAnErrorAndVerifyChecksItsParameters() throws Exception {
    HexFormat hex = HexFormat.of().withUpperCase();
    virtual.process(hex.parseHex("00A4040C0AD392F000260100000001"));
    virtual.process(hex.parseHex("00A4020C02000A"));
    int size = virtual.material().userAuth().getEncoded().length;
    assertEquals("6700", hex.formatHex(virtual.process(hex.parseHex(String.format("00B0%04X%02X", size - 10, 11)))));
    assertEquals("6B00", hex.formatHex(virtual.process(hex.parseHex(String.format("00B0%04X01", size)))));
    assertTrue(hex.formatHex(virtual.process(hex.parseHex(String.format("00B0%04X0A", size - 10)))).endsWith("9000"));
    virtual.process(hex.parseHex("00A4020C020018"));
    assertEquals("6A86", hex.formatHex(virtual.process(hex.parseHex("00200081"))));
    assertEquals("6A86", hex.formatHex(virtual.process(hex.parseHex("002001800431323334"))));
    assertEquals("63C3", hex.formatHex(virtual.process(hex.parseHex("00200080"))), "no try was spent");
  }

  @Test
  void aResidentUnder15HasNoSignatureCertificateAndEf0008SaysSo() throws Exception {
    HexFormat hex = HexFormat.of().withUpperCase();
    VirtualMyNumberCard child = VirtualMyNumberCard.forResident(TestCards.pki(), TestCards.resident("6"), TestCards.PIN);
    child.process(hex.parseHex("00A4040C0AD392F000260100000001"));
    child.process(hex.parseHex("00A4020C020008"));
    assertEquals("008F009000", hex.formatHex(child.process(hex.parseHex("00B0000003"))));
    assertEquals("6A82", hex.formatHex(child.process(hex.parseHex("00A4020C020001"))));
    assertEquals("6A82", hex.formatHex(child.process(hex.parseHex("00A4020C02001B"))));
    virtual.process(hex.parseHex("00A4040C0AD392F000260100000001"));
    virtual.process(hex.parseHex("00A4020C020008"));
    assertEquals("8F8F009000", hex.formatHex(virtual.process(hex.parseHex("00B0000003"))));
    // The child's user-authentication certificate works as any other.
    assertNotNull(TestCards.ok(TestCards.connect(child).certificates()));
  }

  @Test
  void ef000bHoldsASelfSignedCaThatIssuedTheUserCertificate() throws Exception {
    CardCertificates certs = TestCards.ok(card.certificates());
    assertEquals(certs.ca().getSubjectX500Principal(), certs.ca().getIssuerX500Principal());
    certs.ca().verify(certs.ca().getPublicKey());
    certs.userAuth().verify(certs.ca().getPublicKey());
    assertEquals(TestCards.pki().rootCertificate(), certs.ca(), "the CA on the card is the trust anchor");
  }

  @Test
  void pinCountersSurviveARestartOfTheCardProcess(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    var pki = jp.mynaterm.hardware.card.virtual.VirtualCardPki.openOrCreate(dir);
    var first = VirtualMyNumberCard.persistentForResident(pki, TestCards.resident("2"), TestCards.PIN);
    assertEquals(new CardProblem.WrongPin(2), TestCards.problem(TestCards.connect(first).signChallenge("0000".toCharArray(), new byte[1])));
    var restarted = VirtualMyNumberCard.persistentForResident(pki, TestCards.resident("2"), TestCards.PIN);
    assertEquals(2, TestCards.ok(TestCards.connect(restarted).pinTriesLeft()));
    TestCards.ok(TestCards.connect(restarted).signChallenge(TestCards.PIN.toCharArray(), new byte[1]));
    var again = VirtualMyNumberCard.persistentForResident(pki, TestCards.resident("2"), TestCards.PIN);
    assertEquals(3, TestCards.ok(TestCards.connect(again).pinTriesLeft()));
    assertEquals(3, TestCards.ok(TestCards.connect(VirtualMyNumberCard.forResident(pki, TestCards.resident("2"), TestCards.PIN)).pinTriesLeft()));
  }
}
