package jp.mynaterm.hardware.card.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import jp.mynaterm.hardware.card.CardCertificates;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.TestCards;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.MyNumberGuard;
import jp.mynaterm.protocol.card.JpkiSignatures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The card operations against recorded exchanges (fixtures in {@code src/test/resources/apdu/},
 * recorded by {@link ApduFixtureRecording}): the host must send exactly the recorded commands and make
 * the same sense of the answers.
 */
class ApduFixturesTest {
  /** The challenge signed in {@code pin-sign.apdu}: fixed, so the recorded SIGN command is the one sent. */
  static final byte[] CHALLENGE = "mynaterm APDU fixture challenge".getBytes(StandardCharsets.US_ASCII);

  @Test
  void aTapReadsTheCertificatesHeadInThreeApdus() throws Exception {
    ReplayCard replay = new ReplayCard("tap.apdu");
    var head = TestCards.ok(new MyNumberCard(replay).userAuthCertificateHead());
    assertTrue(replay.finished());
    assertTrue(ApduScript.load("tap.apdu").exchanges().size() <= 4);
    // The same certificate as the full read records.
    CardCertificates whole = TestCards.ok(new MyNumberCard(new ReplayCard("certificates.apdu")).certificates());
    assertEquals(whole.userAuth().getSerialNumber(), head.serial());
    assertEquals(whole.userAuth().getIssuerX500Principal(), head.issuer());
    assertEquals(whole.userAuth().getNotAfter().toInstant(), head.notAfter());
    assertEquals(whole.userAuth().getNotBefore().toInstant(), head.notBefore());
  }

  @Test
  void theWholeCertificatesAreReadInChunks() throws Exception {
    ReplayCard replay = new ReplayCard("certificates.apdu");
    CardCertificates certificates = TestCards.ok(new MyNumberCard(replay).certificates());
    certificates.userAuth().verify(certificates.ca().getPublicKey()); // whole and in order, or the signature breaks
    assertTrue(replay.finished());
  }

  @Test
  void theHolderSignsTheChallengeAfterOneVerify() {
    ReplayCard replay = new ReplayCard("pin-sign.apdu");
    MyNumberCard card = new MyNumberCard(replay);
    CardCertificates certificates = TestCards.ok(card.certificates());
    assertEquals(3, TestCards.ok(card.pinTriesLeft()));
    byte[] signature = TestCards.ok(card.signChallenge(TestCards.PIN.toCharArray(), CHALLENGE));
    assertTrue(JpkiSignatures.verify(certificates.userAuth().getPublicKey(), CHALLENGE, signature));
    assertTrue(replay.finished());
  }

  @Test
  void aWrongPinIsReportedWithTheTriesLeft() {
    ReplayCard replay = new ReplayCard("wrong-pin.apdu");
    MyNumberCard card = new MyNumberCard(replay);
    assertEquals(new CardProblem.WrongPin(2), TestCards.problem(card.signChallenge("0000".toCharArray(), CHALLENGE)));
    assertEquals(2, TestCards.ok(card.pinTriesLeft()));
    assertTrue(replay.finished());
  }

  @Test
  void theFourBasicItemsAfterTheTextApPin() {
    ReplayCard replay = new ReplayCard("basic-items.apdu");
    assertEquals(TestCards.resident("1").items(), TestCards.ok(new MyNumberCard(replay).basicItems(TestCards.PIN.toCharArray())));
    assertTrue(replay.finished());
  }

  @Test
  void aCommandOtherThanTheRecordedOneFailsTheReplay() {
    MyNumberCard card = new MyNumberCard(new ReplayCard("pin-sign.apdu"));
    TestCards.ok(card.certificates());
    TestCards.ok(card.pinTriesLeft());
    AssertionError e = assertThrows(AssertionError.class, () -> card.signChallenge("4321".toCharArray(), CHALLENGE));
    assertTrue(e.getMessage().contains("differs from the recording"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tap.apdu", "certificates.apdu", "pin-sign.apdu", "wrong-pin.apdu", "basic-items.apdu"})
  void noRecordedCommandReachesTheMyNumberOrItsDigest(String fixture) {
    ApduScript script = ApduScript.load(fixture);
    assertTrue(script.exchanges().size() > 2, fixture);
    MyNumberGuard guard = new MyNumberGuard();
    for (var e : script.exchanges()) {
      assertTrue(guard.check(e.command()).isEmpty(), fixture + ": " + ApduScript.describe(e.command()));
      assertFalse(ApduScript.describe(e.command()).equals("SELECT EF 0003"), fixture + " selects EF 0003 (a digest of the My Number)");
      byte[] r = e.response();
      guard.answered(e.command(), ((r[r.length - 2] & 0xFF) << 8) | (r[r.length - 1] & 0xFF));
    }
  }
}
