package jp.mynaterm.agent.taxi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The driver's current shift: its rides and fares by class, who is on board (for the optional
 * alighting tap), and when each card last boarded (to refuse a second tap as a second ride).
 * Immutable; each change gives a new shift, committed with the event that made it ({@link ShiftStore}).
 */
public record Shift(String id, Map<String, Integer> ridesByClass, Map<String, Integer> faresByClass, Set<String> onBoard, Map<String, Instant> lastBoarded) {
  public Shift {
    ridesByClass = Map.copyOf(ridesByClass);
    faresByClass = Map.copyOf(faresByClass);
    onBoard = Set.copyOf(onBoard);
    lastBoarded = lastBoarded == null ? Map.of() : Map.copyOf(lastBoarded);
  }

  public static Shift open(String id) {
    return new Shift(id, Map.of(), Map.of(), Set.of(), Map.of());
  }

  /**
   * One more ride; boardings older than {@code window} are forgotten (they no longer refuse anything),
   * so the shift stays small however long it runs.
   */
  public Shift boarded(String cardId, String fareClass, int fareYen, Instant at, Duration window) {
    Map<String, Integer> rides = new TreeMap<>(ridesByClass);
    Map<String, Integer> fares = new TreeMap<>(faresByClass);
    rides.merge(fareClass, 1, Integer::sum);
    fares.merge(fareClass, fareYen, Integer::sum);
    Set<String> aboard = new TreeSet<>(onBoard);
    aboard.add(cardId);
    Map<String, Instant> recent = new TreeMap<>();
    lastBoarded.forEach((card, when) -> {
      if (Duration.between(when, at).abs().compareTo(window) < 0) recent.put(card, when);
    });
    if (!window.isZero()) recent.put(cardId, at);
    return new Shift(id, rides, fares, aboard, recent);
  }

  public Shift alighted(String cardId) {
    Set<String> aboard = new TreeSet<>(onBoard);
    aboard.remove(cardId);
    return new Shift(id, ridesByClass, faresByClass, aboard, lastBoarded);
  }

  /** When this card boarded less than {@code window} from {@code now}, if it did (either way: a clock set back too). */
  public Optional<Instant> boardedWithin(String cardId, Duration window, Instant now) {
    return Optional.ofNullable(lastBoarded.get(cardId)).filter(when -> Duration.between(when, now).abs().compareTo(window) < 0);
  }

  public int rides() {
    return ridesByClass.values().stream().mapToInt(Integer::intValue).sum();
  }
}
