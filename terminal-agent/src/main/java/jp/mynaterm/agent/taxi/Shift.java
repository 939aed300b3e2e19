package jp.mynaterm.agent.taxi;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The driver's current shift: its rides and fares by class, and who is on board (for the optional
 * alighting tap). Immutable; each change gives a new shift that the reader saves.
 */
public record Shift(String id, Map<String, Integer> ridesByClass, Map<String, Integer> faresByClass, Set<String> onBoard) {
  public Shift {
    ridesByClass = Map.copyOf(ridesByClass);
    faresByClass = Map.copyOf(faresByClass);
    onBoard = Set.copyOf(onBoard);
  }

  public static Shift open(String id) {
    return new Shift(id, Map.of(), Map.of(), Set.of());
  }

  public Shift boarded(String cardId, String fareClass, int fareYen) {
    Map<String, Integer> rides = new TreeMap<>(ridesByClass);
    Map<String, Integer> fares = new TreeMap<>(faresByClass);
    rides.merge(fareClass, 1, Integer::sum);
    fares.merge(fareClass, fareYen, Integer::sum);
    Set<String> aboard = new TreeSet<>(onBoard);
    aboard.add(cardId);
    return new Shift(id, rides, fares, aboard);
  }

  public Shift alighted(String cardId) {
    Set<String> aboard = new TreeSet<>(onBoard);
    aboard.remove(cardId);
    return new Shift(id, ridesByClass, faresByClass, aboard);
  }

  public int rides() {
    return ridesByClass.values().stream().mapToInt(Integer::intValue).sum();
  }
}
