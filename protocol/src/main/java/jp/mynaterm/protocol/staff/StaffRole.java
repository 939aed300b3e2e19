package jp.mynaterm.protocol.staff;

import java.util.Arrays;
import java.util.Optional;

/** What a staff account may do; the wire name is what the hub stores and sends to terminals. */
public enum StaffRole {
  ADMINISTRATOR("administrator"),
  KIOSK_STAFF("kiosk-staff"),
  LIBRARY("library"),
  HOSPITAL("hospital"),
  TAXI_OPERATOR("taxi-operator"),
  AUDITOR("auditor");

  private final String wire;

  StaffRole(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<StaffRole> ofWire(String wire) {
    return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst();
  }
}
