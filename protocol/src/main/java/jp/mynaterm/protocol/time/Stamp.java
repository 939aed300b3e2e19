package jp.mynaterm.protocol.time;

import static jp.mynaterm.protocol.Fields.nonNegative;
import static jp.mynaterm.protocol.Fields.required;
import static jp.mynaterm.protocol.Fields.text;

import java.time.Instant;

/**
 * When something happened, as a terminal without a real-time clock can tell it. A Raspberry Pi
 * starts at a wrong wall time until NTP answers; {@code bootId} and {@code monoMs} let the hub place
 * events of one boot in order and correct their wall time once the terminal reports a synced clock.
 *
 * @param wall the terminal's wall clock (may be wrong when {@code synced} is false)
 * @param bootId the kernel's boot id: changes at every boot
 * @param monoMs milliseconds since boot, never going backwards within a boot
 * @param synced whether the wall clock was synchronised (NTP) when the stamp was taken
 */
public record Stamp(Instant wall, String bootId, long monoMs, boolean synced) {
  public Stamp {
    required("wall", wall);
    text("bootId", bootId);
    nonNegative("monoMs", monoMs);
  }
}
