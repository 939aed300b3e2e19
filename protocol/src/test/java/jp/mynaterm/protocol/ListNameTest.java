package jp.mynaterm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import jp.mynaterm.protocol.staff.StaffRole;
import org.junit.jupiter.api.Test;

class ListNameTest {
  @Test
  void wireNamesAreTheOnesTerminalsAlreadyHold() {
    assertEquals("revocation", ListName.REVOCATION.wire());
    assertEquals("allow-taxi", ListName.allow("taxi").wire());
    assertEquals(Optional.of(ListName.allow("library")), ListName.parse("allow-library"));
    assertEquals(Optional.of(ListName.REVOCATION), ListName.parse("revocation"));
    assertEquals("staff-library", ListName.staff(StaffRole.LIBRARY).wire());
    assertEquals(Optional.of(ListName.staff(StaffRole.HOSPITAL)), ListName.parse("staff-hospital"));
  }

  @Test
  void aTerminalHoldsTheRevocationListItsServicesAllowListAndItsStaff() {
    assertEquals(List.of(ListName.REVOCATION, ListName.allow("library"), ListName.staff(StaffRole.LIBRARY)),
        ListName.heldBy(Optional.of("library"), Optional.of("library")));
    assertEquals(List.of(ListName.REVOCATION, ListName.allow("taxi")), ListName.heldBy(Optional.of("taxi"), Optional.empty()));
    assertEquals(List.of(ListName.REVOCATION), ListName.heldBy(Optional.empty(), Optional.empty()));
  }

  @Test
  void otherNamesAreNoLists() {
    for (String bad : new String[] {"config", "alert", "allow-", "allow:taxi", "taxi", "allow-Taxi", "staff-", "staff-nobody", ""}) {
      assertTrue(ListName.parse(bad).isEmpty(), bad);
    }
    assertTrue(ListName.parse(null).isEmpty());
  }
}
