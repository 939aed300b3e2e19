package jp.mynaterm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListNameTest {
  @Test
  void wireNamesAreTheOnesTerminalsAlreadyHold() {
    assertEquals("revocation", ListName.REVOCATION.wire());
    assertEquals("allow-taxi", ListName.allow("taxi").wire());
    assertEquals(Optional.of(ListName.allow("library")), ListName.parse("allow-library"));
    assertEquals(Optional.of(ListName.REVOCATION), ListName.parse("revocation"));
  }

  @Test
  void otherNamesAreNoLists() {
    for (String bad : new String[] {"config", "alert", "allow-", "allow:taxi", "taxi", "allow-Taxi", ""}) {
      assertTrue(ListName.parse(bad).isEmpty(), bad);
    }
    assertTrue(ListName.parse(null).isEmpty());
  }
}
