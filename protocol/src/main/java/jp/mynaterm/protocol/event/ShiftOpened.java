package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;


/** The driver opened a shift with the driver button. */
public record ShiftOpened(String vehicle, String shift) implements UsageEvent {
  public ShiftOpened {
    text("vehicle", vehicle);
    text("shift", shift);
  }
}
