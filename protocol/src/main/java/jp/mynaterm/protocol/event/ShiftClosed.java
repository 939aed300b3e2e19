package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;


/** The driver closed a shift: its summary.
 *
 * @param ridesByClass rides in the shift per fare class
 * @param faresByClass yen taken in the shift per fare class */
public record ShiftClosed(String vehicle, String shift, int rides, java.util.Map<String, Integer> ridesByClass, java.util.Map<String, Integer> faresByClass) implements UsageEvent {
  public ShiftClosed {
    text("vehicle", vehicle);
    text("shift", shift);
    nonNegative("rides", rides);
    ridesByClass = map("ridesByClass", ridesByClass);
    faresByClass = map("faresByClass", faresByClass);
  }
}
