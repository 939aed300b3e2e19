package jp.mynaterm.hardware.card;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import jp.mynaterm.hardware.card.apdu.CardFailure;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.MyNumberGuard;
import jp.mynaterm.hardware.card.textap.TextAp;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only the commands and files this software uses leave the process: EF 0001 of the text AP (the My
 * Number) and EF 0003 (its digest) in no encoding, and nothing else it does not send either.
 */
class MyNumberGuardTest {
  private static final HexFormat HEX = HexFormat.of();
  private final VirtualMyNumberCard virtual = TestCards.card();
  private final MyNumberCard card = TestCards.connect(virtual);

  @ParameterizedTest
  @ValueSource(strings = {
    "00A4020C020001", // SELECT EF 0001, the short form
    "00A4020C0000020001", // extended Lc: a host reading Lc from byte 4 sees no data
    "00A4020C000002000100", // extended Lc and Le
    "00A4020C02000100", // with Le
    "00A40200020001", // P2 00 (FCI back)
    "00A40204020001", // P2 04
    "00A4000C020001", // by file id from MF
    "00A4010C020001", // child DF
    "00A4080C04000A0001", // by path ending in 0001
    "00A4090C020001", // by path from the current DF
    "0CA4020C020001", // secure messaging class
    "01A4020C020001", // logical channel 1
    "80A4020C020001", // proprietary class
    "00A4020C020003", // EF 0003: a plain SHA-256 of EF 0001
    "00A4020C0000020003", // ... extended
    "00B0810000", // READ BINARY with short EF id 1
    "00B0830000", // ... short EF id 3
    "00B000000000FF", // extended READ BINARY
    "00B1000104540200", // odd READ BINARY naming EF 0001
    "00B2010C00", // READ RECORD, short EF id 1
    "00CA010100", // GET DATA
    "80C0000000", // GET RESPONSE with another class
    "00A4040C0AD3921000310001010401", // 住基AP: not used
    "00A4040C00000AD3921000310001010408", // extended SELECT AID
    "00200081", // VERIFY of another reference
    "0020008005313233343500", // VERIFY of a 5-digit PIN
    "00D6000002FFFF", // UPDATE BINARY
  })
  void refusesEveryOtherEncodingBeforeItLeavesTheProcess(String hex) throws Exception {
    card.channel().selectAid(TextAp.AID, "text AP");
    card.channel().selectEf(TextAp.PIN);
    int before = virtual.commandCount();
    CardFailure f = assertThrows(CardFailure.class, () -> card.channel().send(HEX.parseHex(hex), "test"));
    assertInstanceOf(CardProblem.RefusedByGuard.class, f.problem());
    assertEquals(before, virtual.commandCount(), "the command never left the process");
    assertEquals(0, virtual.myNumberSelections());
  }

  @Test
  void theExtendedLengthSelectOfEf0001IsRefusedWhereTheDenyListLetItThrough() {
    MyNumberGuard guard = new MyNumberGuard();
    byte[] selectText = HEX.parseHex("00A4040C0AD3921000310001010408");
    assertTrue(guard.check(selectText).isEmpty());
    guard.answered(selectText, 0x9000);
    assertTrue(guard.check(HEX.parseHex("00A4020C0000020001")).isPresent());
    assertTrue(guard.check(HEX.parseHex("00A4020C020002")).isEmpty(), "while the short SELECT of EF 0002 passes");
  }

  @Test
  void letsThroughExactlyWhatTheFlowsSendInTheirOrder() {
    MyNumberGuard guard = new MyNumberGuard();
    assertTrue(guard.check(HEX.parseHex("00A4020C02000A")).isPresent(), "no EF before an application");
    pass(guard, "00A4040C0AD392F000260100000001", 0x9000);
    assertTrue(guard.check(HEX.parseHex("00B0000004")).isPresent(), "no READ BINARY before a readable file");
    pass(guard, "00A4020C02000A", 0x9000);
    pass(guard, "00B0000004", 0x9000);
    pass(guard, "00B0000400", 0x9000);
    pass(guard, "00C0000000", 0x9000);
    assertTrue(guard.check(HEX.parseHex("00200080")).isPresent(), "no VERIFY of a certificate");
    assertTrue(guard.check(HEX.parseHex("00A4020C020001")).isPresent(), "the signature certificate is not used");
    assertTrue(guard.check(HEX.parseHex("00A4020C020008")).isPresent(), "EF 0008 is not used");
    pass(guard, "00A4020C020018", 0x9000);
    pass(guard, "00200080", 0x63C3);
    pass(guard, "002000800431323334", 0x9000);
    assertTrue(guard.check(HEX.parseHex("00B0000004")).isPresent(), "no READ BINARY of a PIN");
    assertTrue(guard.check(HEX.parseHex("802A00803301020300")).isPresent(), "no SIGN without the key selected");
    pass(guard, "00A4020C020017", 0x9000);
    pass(guard, "802A0080030102" + "0300", 0x9000);
    assertTrue(guard.check(HEX.parseHex("802A0080030102")).isPresent(), "SIGN only with Le 00");
    assertTrue(guard.check(HEX.parseHex("00A4020C020099")).isPresent(), "a file not in the list");
  }

  @Test
  void aFailedSelectLeavesNothingReadable() {
    MyNumberGuard guard = new MyNumberGuard();
    pass(guard, "00A4040C0AD3921000310001010408", 0x9000);
    pass(guard, "00A4020C020002", 0x9000);
    pass(guard, "00B0000004", 0x9000);
    guard.answered(HEX.parseHex("00A4020C020011"), 0x6A82); // the card did not select the PIN EF
    assertTrue(guard.check(HEX.parseHex("00B0000004")).isPresent());
    assertTrue(guard.check(HEX.parseHex("00200080")).isPresent());
  }

  @Test
  void aRefusalNeverShowsTheDataOfTheCommand() {
    MyNumberGuard guard = new MyNumberGuard();
    String why = guard.check(HEX.parseHex("0020008105313233343500")).orElseThrow();
    assertFalse(why.contains("3132"), why);
    assertTrue(why.contains("00200081"), why);
  }

  @Test
  void withoutTheGuardTheVirtualCardWouldCountTheSelection() {
    // Proves the counter the other tests rely on really sees a selection of EF 0001.
    virtual.process(HEX.parseHex("00A4040C0AD3921000310001010408"));
    virtual.process(HEX.parseHex("00A4020C020001"));
    assertEquals(1, virtual.myNumberSelections());
  }

  @Test
  void theCardFlowsStillWorkThroughTheGuard() {
    TestCards.ok(card.certificates());
    TestCards.ok(card.userAuthCertificateHead());
    assertEquals(3, TestCards.ok(card.pinTriesLeft()));
    TestCards.ok(card.signChallenge(TestCards.PIN.toCharArray(), new byte[] {1}));
    assertEquals(TestCards.resident("1").items(), TestCards.ok(card.basicItems(TestCards.PIN.toCharArray())));
    assertEquals(0, virtual.myNumberSelections());
  }

  private static void pass(MyNumberGuard guard, String hex, int sw) {
    byte[] apdu = HEX.parseHex(hex);
    var refused = guard.check(apdu);
    assertTrue(refused.isEmpty(), hex + ": " + refused.orElse(""));
    guard.answered(apdu, sw);
  }
}
