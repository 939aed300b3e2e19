package jp.mynaterm.hub.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule on tables worked out by hand: what is hidden, and why the total gives nothing away. */
class SuppressionTest {
  @Test
  void oneSmallCellHidesTheNextSmallestNonZeroCellSoTheTotalCannotGiveItAway() {
    // 住民票 25, 印鑑 4, 所得 12, 附票 0; total 41. Hiding 4 alone: 41 - 25 - 12 - 0 = 4.
    assertEquals(List.of("25", "x", "x", "0"), Suppression.group(List.of(25L, 4L, 12L, 0L)));
    assertEquals("41", Suppression.total(List.of(25L, 4L, 12L, 0L)));
  }

  @Test
  void twoSmallCellsAlreadyHideEachOther() {
    assertEquals(List.of("x", "x", "40"), Suppression.group(List.of(3L, 5L, 40L)));
  }

  @Test
  void zerosAndLargeCountsAreShownAsTheyAre() {
    assertEquals(List.of("0", "10", "123"), Suppression.group(List.of(0L, 10L, 123L)));
    assertEquals("x", Suppression.cell(9));
    assertEquals("10", Suppression.cell(10));
  }

  @Test
  void aSmallTotalIsHiddenToo() {
    assertEquals(List.of("x", "0", "0"), Suppression.group(List.of(4L, 0L, 0L)));
    assertEquals("x", Suppression.total(List.of(4L, 0L, 0L)), "the month's total alone would say 4");
  }
}
