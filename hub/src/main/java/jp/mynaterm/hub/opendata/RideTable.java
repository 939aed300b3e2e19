package jp.mynaterm.hub.opendata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Taxi rides by place and hour, with the cells that may be published. Two levels of totals are
 * published (each place's month, and the month's), so suppression runs at both: the places' totals as
 * one group under the month's total; then each place's hours as a group under the place's total. A
 * place whose total is hidden has every hour hidden too, or its hours would add up to it.
 */
final class RideTable {
  final Map<String, String> placeTotals = new LinkedHashMap<>();
  final Map<String, Map<Integer, String>> hours = new LinkedHashMap<>();
  final String total;

  RideTable(Map<String, Map<Integer, Long>> ridesByPlaceAndHour) {
    List<String> places = List.copyOf(ridesByPlaceAndHour.keySet());
    List<Long> sums = places.stream().map(p -> ridesByPlaceAndHour.get(p).values().stream().mapToLong(Long::longValue).sum()).toList();
    List<String> shownSums = Suppression.group(sums);
    for (int i = 0; i < places.size(); i++) {
      String place = places.get(i);
      Map<Integer, Long> byHour = ridesByPlaceAndHour.get(place);
      List<String> shown = shownSums.get(i).equals(Suppression.HIDDEN)
          ? new ArrayList<>(java.util.Collections.nCopies(byHour.size(), Suppression.HIDDEN))
          : Suppression.group(List.copyOf(byHour.values()));
      Map<Integer, String> cells = new TreeMap<>();
      int j = 0;
      for (int hour : byHour.keySet()) cells.put(hour, shown.get(j++));
      placeTotals.put(place, shownSums.get(i));
      hours.put(place, cells);
    }
    total = Suppression.total(sums);
  }
}
