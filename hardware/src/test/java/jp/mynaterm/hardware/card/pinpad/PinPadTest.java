package jp.mynaterm.hardware.card.pinpad;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.TestCards;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.transport.RecordingTransport;
import jp.mynaterm.hardware.card.virtual.InProcessCard;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.RevocationStore;
import org.junit.jupiter.api.Test;

/**
 * Secure PIN entry on a reader's own pad (PC/SC part 10), on the in-process card given a virtual pad
 * (vpcd has none), and the exclusive hold a PIN session takes.
 */
class PinPadTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private final VirtualMyNumberCard virtual = TestCards.card();
  /** What the resident presses on the reader's pad, one entry per VERIFY: digits, or {@link #CANCEL}. */
  private final Deque<String> pressed = new ArrayDeque<>();
  private static final String CANCEL = "cancel";
  private final InProcessCard reader = new InProcessCard(virtual, () -> Optional.ofNullable(pressed.poll()).filter(k -> !k.equals(CANCEL)).map(String::toCharArray));
  private final MyNumberCard card = new MyNumberCard(reader);

  @Test
  void theStructureIsPcscPart10sLayout() {
    byte[] verify = HEX.parseHex("002000800400000000");
    assertEquals("1E1E8204000404020111040000000009000000" + "002000800400000000", HEX.formatHex(Part10.verifyPinDirect(verify)),
        "timeouts, ASCII bytes at offset 0, 4-byte block, 4..4 digits, OK key, one message, Japanese, 9 bytes of APDU");
    var parsed = Part10.parseVerifyPinDirect(Part10.verifyPinDirect(verify)).orElseThrow();
    assertEquals(5, parsed.offset());
    assertEquals(4, parsed.minDigits());
    assertEquals(4, parsed.maxDigits());
    assertEquals(Map.of(6, 0x42330006, 0x12, 0x42000D48), Part10.features(HEX.parseHex("060442330006" + "120442000D48")));
  }

  @Test
  void theReaderListsItsPadAndTheHolderIsAuthenticatedWithoutThePinReachingTheHost() {
    RecordingTransport[] host = new RecordingTransport[1];
    MyNumberCard recorded = new MyNumberCard(new InProcessCard(virtual, () -> Optional.ofNullable(pressed.poll()).map(String::toCharArray))
        .withTransport(t -> host[0] = new RecordingTransport(t)));
    PinPad pad = recorded.pinPad().orElseThrow(() -> new AssertionError("FEATURE_VERIFY_PIN_DIRECT listed"));
    pressed.add(TestCards.PIN);
    var outcome = new HolderAuthentication(TestCards.verifier(new RevocationStore())).authenticate(recorded, new PinEntry.OnReaderPad(pad));
    assertInstanceOf(HolderAuthentication.Outcome.Authenticated.class, outcome, outcome.toString());
    for (var e : host[0].drain()) assertNotEquals("0020", HEX.formatHex(e.command(), 0, 2) + (e.command().length > 4 ? "" : "-"), "no VERIFY with data from the host");
  }

  @Test
  void aWrongPinOnThePadCountsDownAndACancelSpendsNoTry() {
    PinPad pad = card.pinPad().orElseThrow();
    pressed.add("0000");
    assertEquals(new CardProblem.WrongPin(2), TestCards.problem(card.verifyUserAuthPin(new PinEntry.OnReaderPad(pad))));
    pressed.add(CANCEL);
    assertEquals(new CardProblem.PinEntryNotMade(true), TestCards.problem(card.verifyUserAuthPin(new PinEntry.OnReaderPad(pad))));
    assertEquals(2, TestCards.ok(card.pinTriesLeft()), "the cancelled entry spent no try");
  }

  @Test
  void aReaderWithoutAPadHasNone() {
    assertEquals(Optional.empty(), TestCards.connect(TestCards.card()).pinPad());
  }

  @Test
  void whileAPinSessionHoldsTheCardAnotherConnectionIsRefusedUntilTheRelease() {
    assertEquals(3, TestCards.ok(card.pinTriesLeft()), "the PIN session begins: the card is held");
    MyNumberCard other = new MyNumberCard(reader.anotherConnection(), Duration.ofSeconds(1));
    assertEquals(new CardProblem.CardInUse(), TestCards.problem(other.certificates()));
    assertEquals(new CardProblem.CardInUse(), TestCards.problem(other.signChallenge(TestCards.PIN.toCharArray(), new byte[4])));
    card.disconnect();
    MyNumberCard after = new MyNumberCard(reader.anotherConnection(), Duration.ofSeconds(1));
    assertEquals(3, TestCards.ok(after.pinTriesLeft()), "released: the next connection may use it");
  }

  @Test
  void aTypedPinIsWipedAfterUse() {
    char[] typed = TestCards.PIN.toCharArray();
    TestCards.ok(card.verifyUserAuthPin(typed));
    assertArrayEquals(new char[4], typed);
  }
}
