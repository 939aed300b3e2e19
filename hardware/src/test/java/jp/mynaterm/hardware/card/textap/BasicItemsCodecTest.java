package jp.mynaterm.hardware.card.textap;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import jp.mynaterm.hardware.card.apdu.CardFailure;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import org.junit.jupiter.api.Test;

class BasicItemsCodecTest {
  private final BasicItems items = new BasicItems("美濃　花子", "岐阜県美濃市泉町１丁目３番地", LocalDate.of(1985, 4, 12), BasicItems.Sex.FEMALE);

  @Test
  void roundTripsTheFourItems() throws Exception {
    assertEquals(items, BasicItemsCodec.parse(BasicItemsCodec.encode(items)));
  }

  @Test
  void aLongAddressUsesTheLongLengthForm() throws Exception {
    BasicItems longer = new BasicItems(items.name(), "岐阜県美濃市".repeat(30), items.birthDate(), BasicItems.Sex.MALE);
    assertEquals(longer, BasicItemsCodec.parse(BasicItemsCodec.encode(longer)));
  }

  @Test
  void anOffsetTableThatDisagreesIsMalformed() {
    byte[] file = BasicItemsCodec.encode(items);
    file[6] ^= 0x01; // first offset, low byte
    CardFailure f = assertThrows(CardFailure.class, () -> BasicItemsCodec.parse(file));
    assertInstanceOf(CardProblem.MalformedData.class, f.problem());
  }

  @Test
  void truncatedOrForeignDataIsMalformed() {
    byte[] file = BasicItemsCodec.encode(items);
    assertThrows(CardFailure.class, () -> BasicItemsCodec.parse(java.util.Arrays.copyOf(file, file.length - 3)));
    assertThrows(CardFailure.class, () -> BasicItemsCodec.parse(new byte[] {0x30, 0x00}));
    assertThrows(CardFailure.class, () -> BasicItemsCodec.parse(new byte[0]));
  }
}
