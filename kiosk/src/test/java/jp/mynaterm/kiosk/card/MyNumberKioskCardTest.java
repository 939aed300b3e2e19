package jp.mynaterm.kiosk.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynaterm.agent.counter.CardOnReader;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.kiosk.flow.KioskCard;
import jp.mynaterm.kiosk.flow.KioskCard.PinCheck;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.JpkiSignatures;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.Serials;
import jp.mynaterm.protocol.card.TrustAnchors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk's card adapter over the virtual card's APDUs (in-process: PC/SC is the end-to-end test's). */
class MyNumberKioskCardTest {
  @TempDir static Path dir;
  private static VirtualCardPki pki;
  private final AtomicReference<VirtualMyNumberCard> inReader = new AtomicReference<>();
  private final RevocationStore revoked = new RevocationStore();
  private MyNumberKioskCard card;

  @BeforeAll
  static void pki() throws Exception {
    pki = VirtualCardPki.openOrCreate(dir);
  }

  @BeforeEach
  void kioskCard() throws Exception {
    inReader.set(VirtualMyNumberCard.forResident(pki, Resident.find("2").orElseThrow(), "1234"));
    card = new MyNumberKioskCard(CardOnReader.inProcess(() -> Optional.ofNullable(inReader.get())), verifier());
  }

  private CardVerifier verifier() {
    return new CardVerifier(new TrustAnchors(List.of(pki.rootCertificate())), revoked, CardIds.development(), Clock.systemUTC());
  }

  @Test
  void identifiesTheCardByItsCertificateWithoutAPinTry() throws Exception {
    KioskCard.CardIdentity identity = card.identify();
    assertArrayEquals(pki.cardFor(Resident.find("2").orElseThrow()).userAuth().getEncoded(), identity.certificateDer());
    assertArrayEquals(pki.caCertificate().getEncoded(), identity.caCertificateDer());
    assertEquals(26, identity.cardId().length(), "a CardId, not anything printed on the card");
    assertEquals(3, card.triesLeft());
  }

  @Test
  void oneVerifyPerAttemptThenTheCardSignsForTheHolder() throws Exception {
    card.identify();
    assertEquals(new PinCheck.Wrong(2), card.verifyPin("9999".toCharArray()));
    assertEquals(2, card.triesLeft(), "one wrong PIN spends exactly one try");
    assertEquals(new PinCheck.Verified(), card.verifyPin("1234".toCharArray()));
    byte[] data = "challenge from the hub".getBytes(StandardCharsets.UTF_8);
    byte[] signature = card.sign(data);
    assertTrue(JpkiSignatures.verify(pki.cardFor(Resident.find("2").orElseThrow()).userAuth().getPublicKey(), data, signature));
  }

  @Test
  void threeWrongPinsBlockTheCard() throws Exception {
    card.identify();
    card.verifyPin("0000".toCharArray());
    card.verifyPin("1111".toCharArray());
    assertEquals(new PinCheck.Blocked(), card.verifyPin("2222".toCharArray()));
    assertEquals(new PinCheck.Blocked(), card.verifyPin("1234".toCharArray()), "blocked stays blocked, even with the right PIN");
  }

  @Test
  void onAReaderWithAPinPadThePinIsTypedThereAndReachesOnlyTheCard() throws Exception {
    assertEquals(false, identified(card).hasPinPad(), "an ordinary reader (vpcd too) has no pad: the screen's keypad is used");
    // What the resident presses on the reader's pad, one entry per PIN asked: digits, or empty for Cancel.
    var pressed = new java.util.ArrayDeque<Optional<String>>(List.of(Optional.of("9999"), Optional.empty(), Optional.of("1234")));
    var onPad = new MyNumberKioskCard(
        CardOnReader.inProcess(() -> Optional.ofNullable(inReader.get()), () -> pressed.poll().map(String::toCharArray)), verifier());
    onPad.identify();
    assertTrue(onPad.hasPinPad(), "FEATURE_VERIFY_PIN_DIRECT listed");
    assertEquals(new PinCheck.Wrong(2), onPad.verifyPinOnPad());
    assertEquals(new PinCheck.NotEntered(true), onPad.verifyPinOnPad());
    assertEquals(2, onPad.triesLeft(), "Cancel on the pad spends no try");
    assertEquals(new PinCheck.Verified(), onPad.verifyPinOnPad());
    byte[] data = "challenge from the hub".getBytes(StandardCharsets.UTF_8);
    assertTrue(JpkiSignatures.verify(pki.cardFor(Resident.find("2").orElseThrow()).userAuth().getPublicKey(), data, onPad.sign(data)));
    onPad.release();
  }

  private static MyNumberKioskCard identified(MyNumberKioskCard card) throws KioskCard.CardProblem {
    card.identify();
    return card;
  }

  @Test
  void aRevokedCardIsRefusedBeforeAnyPin() throws Exception {
    revoked.replaceAll(List.of(Serials.toHex(pki.cardFor(Resident.find("2").orElseThrow()).userAuth())));
    var e = assertThrows(KioskCard.CardProblem.class, card::identify);
    assertEquals(KioskCard.CardProblem.Kind.NOT_ACCEPTED, e.kind());
  }

  @Test
  void noCardOrAReleasedOneIsRemoved() throws Exception {
    inReader.set(null);
    assertEquals(KioskCard.CardProblem.Kind.REMOVED, assertThrows(KioskCard.CardProblem.class, card::identify).kind());
    inReader.set(VirtualMyNumberCard.forResident(pki, Resident.find("2").orElseThrow(), "1234"));
    card.identify();
    card.verifyPin("1234".toCharArray());
    card.release();
    assertEquals(KioskCard.CardProblem.Kind.REMOVED, assertThrows(KioskCard.CardProblem.class, () -> card.sign(new byte[] {1})).kind());
  }
}
