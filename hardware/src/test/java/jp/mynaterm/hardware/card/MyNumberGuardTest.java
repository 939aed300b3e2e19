package jp.mynaterm.hardware.card;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import jp.mynaterm.hardware.card.apdu.CardFailure;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.MyNumberGuard;
import jp.mynaterm.hardware.card.textap.TextAp;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** EF 0001 of the text AP (the My Number) never reaches the card. */
class MyNumberGuardTest {
  private final VirtualMyNumberCard virtual = TestCards.card();
  private final MyNumberCard card = TestCards.connect(virtual);

  @ParameterizedTest
  @ValueSource(strings = {
    "00A4020C020001", // SELECT EF 0001
    "00A4020002000100", // ... with Le
    "00A4000C020001", // SELECT by file id from MF
    "00A4080C04000A0001", // SELECT by path ending in 0001
    "00A4090C020001",
    "00B0810000", // READ BINARY with short EF id 1
    "00B1000104540200", // READ BINARY odd INS naming EF 0001
  })
  void refusesEveryWayOfReachingEf0001(String hex) throws Exception {
    card.channel().selectAid(TextAp.AID, "text AP");
    card.channel().selectEf(TextAp.PIN);
    int before = virtual.commandCount();
    CardFailure f = assertThrows(CardFailure.class, () -> card.channel().send(HexFormat.of().parseHex(hex), "test"));
    assertInstanceOf(CardProblem.RefusedByGuard.class, f.problem());
    assertEquals(before, virtual.commandCount(), "the command never left the process");
    assertEquals(0, virtual.myNumberSelections());
  }

  @Test
  void letsTheFilesTheTerminalNeedsThrough() {
    for (String ok : new String[] {"00A4020C02000A", "00A4020C020002", "00A4020C020003", "00A4020C020018", "00B0000004"}) {
      assertTrue(MyNumberGuard.check(HexFormat.of().parseHex(ok)).isEmpty(), ok);
    }
  }

  @Test
  void withoutTheGuardTheVirtualCardWouldCountTheSelection() {
    // Proves the counter the other tests rely on really sees a selection of EF 0001.
    virtual.process(HexFormat.of().parseHex("00A4040C0AD3921000310001010408"));
    virtual.process(HexFormat.of().parseHex("00A4020C020001"));
    assertEquals(1, virtual.myNumberSelections());
  }
}
