package jp.mynaterm.hardware.health;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each peripheral is doing, for the terminal's heartbeat: device name → {@code "ok"} or a short
 * description of the problem. A device that failed at start stays listed with its problem, so the
 * hub sees that a terminal runs without, say, its buzzer.
 */
public final class PeripheralHealth {
  public static final String OK = "ok";

  private final Map<String, String> states = new ConcurrentHashMap<>();

  public void ok(String device) {
    states.put(device, OK);
  }

  public void problem(String device, String problem) {
    states.put(device, problem);
  }

  /** A snapshot, sorted by device name so heartbeats read the same way each time. */
  public Map<String, String> states() {
    return Collections.unmodifiableMap(new TreeMap<>(states));
  }

  public boolean allOk() {
    return states.values().stream().allMatch(OK::equals);
  }
}
