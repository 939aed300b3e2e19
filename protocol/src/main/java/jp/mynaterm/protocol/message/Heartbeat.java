package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/** A terminal's periodic state, for the fleet view.
 *
 * @param queueDepth events in the outbox not yet acknowledged
 * @param oldestUnsentAgeMs age of the oldest of them, 0 when none
 * @param diskFreeBytes free space where the outbox lives
 * @param peripherals each device's state: {@code ok}, or what is wrong with it
 * @param listVersions the versions of the lists it holds
 * @param listAgeMs how long ago the hub last confirmed each list current (a list never confirmed is absent)
 * @param setAsideEvents events kept aside in the outbox instead of sent: refused by the hub, or
 *     unreadable, or too large for a message (an operator looks at them); absent from older senders: 0
 * @param setAsideFiles outbox files set aside as damaged and not yet recovered (file names; their
 *     events reach the hub with {@code ./mynaterm agent recover FILE}) */
public record Heartbeat(
    String version, long queueDepth, long oldestUnsentAgeMs, long diskFreeBytes, boolean clockSynced, java.util.Map<String, String> peripherals,
    java.util.Map<String, Long> listVersions, java.util.Map<String, Long> listAgeMs, Long setAsideEvents, java.util.List<String> setAsideFiles) implements Body {
  public Heartbeat {
    text("version", version);
    nonNegative("queueDepth", queueDepth);
    nonNegative("oldestUnsentAgeMs", oldestUnsentAgeMs);
    nonNegative("diskFreeBytes", diskFreeBytes);
    peripherals = peripherals == null ? java.util.Map.of() : java.util.Map.copyOf(peripherals);
    listVersions = listVersions == null ? java.util.Map.of() : java.util.Map.copyOf(listVersions);
    listAgeMs = listAgeMs == null ? java.util.Map.of() : java.util.Map.copyOf(listAgeMs);
    setAsideEvents = setAsideEvents == null ? 0L : nonNegative("setAsideEvents", setAsideEvents); // absent: a sender from before
    setAsideFiles = setAsideFiles == null ? java.util.List.of() : java.util.List.copyOf(setAsideFiles);
  }
}
