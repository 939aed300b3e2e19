package jp.mynaterm.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * @param vehicle the vehicle's name as the operator knows it
 * @param fares yen per ride for each fare class; the allow-list gives each rider a class
 * @param requirePin whether a rider must also enter the PIN (a tap alone proves neither the card nor the holder: a copied certificate passes)
 * @param gpsd host:port of gpsd for the boarding location, empty for none
 * @param alightingTap whether riders tap again when leaving (records the alighting)
 * @param repeatBoardingWindow how long after a boarding the same card is refused another one (a rider
 *     who saw a fault and tapped again, or a card laid twice), 0 for never; 5 minutes by default
 * @param stops the stops rides are counted at; a ride further than {@code stopRadiusM} from every stop
 *     is recorded in its zone (a cell of about 1 km), never at its GPS position
 * @param stopRadiusM how near a stop a tap counts as at it, in metres (200 by default)
 * @param display the driver's display page (the tap's outcome in large text and the next pick-ups), on
 *     this address; absent: not served
 */
public record TaxiSettings(String vehicle, Map<String, Integer> fares, Boolean requirePin, String gpsd, Boolean alightingTap, Duration repeatBoardingWindow,
    List<TaxiStop> stops, Integer stopRadiusM, HttpSettings display) {
  /** Long enough for a rider's second tap after a red light; shorter than a ride there and back. */
  public static final Duration DEFAULT_REPEAT_BOARDING_WINDOW = Duration.ofMinutes(5);

  /**
   * An example, not Mino's fares: neighbouring Kani City's demand taxi (¥300 a ride, half for children
   * and disability certificates, preschoolers free). A city sets its own in {@code taxi.fares}.
   */
  public static final Map<String, Integer> DEFAULT_FARES =
      Map.of("adult", 300, "senior", 300, "licence-returned", 300, "child", 150, "disability", 150, "preschool", 0);

  public static final TaxiSettings DEFAULT = new TaxiSettings(null, null, null, null, null, null, null, null);

  /** Without a driver's display page. */
  public TaxiSettings(String vehicle, Map<String, Integer> fares, Boolean requirePin, String gpsd, Boolean alightingTap, Duration repeatBoardingWindow,
      List<TaxiStop> stops, Integer stopRadiusM) {
    this(vehicle, fares, requirePin, gpsd, alightingTap, repeatBoardingWindow, stops, stopRadiusM, null);
  }

  public TaxiSettings {
    vehicle = Check.orDefault(vehicle, "vehicle-1");
    fares = Map.copyOf(Check.orDefault(fares, DEFAULT_FARES));
    for (var e : fares.entrySet()) {
      if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 100_000) {
        throw new InvalidValue("fares." + e.getKey(), "must be a fare in yen from 0 to 100000 (got " + e.getValue() + ")");
      }
    }
    requirePin = Check.orDefault(requirePin, Boolean.FALSE);
    gpsd = Check.orDefault(gpsd, "");
    if (!gpsd.isEmpty() && !gpsd.matches("[^\\s:]+:\\d{1,5}")) throw new InvalidValue("gpsd", "must be host:port, e.g. 127.0.0.1:2947 (got '" + gpsd + "')");
    alightingTap = Check.orDefault(alightingTap, Boolean.FALSE);
    repeatBoardingWindow = Check.orDefault(repeatBoardingWindow, DEFAULT_REPEAT_BOARDING_WINDOW);
    if (repeatBoardingWindow.isNegative() || repeatBoardingWindow.compareTo(Duration.ofHours(24)) > 0) {
      throw new InvalidValue("repeatBoardingWindow", "must be from 0s (never refuse) to 24h, e.g. 5m (got " + DurationText.format(repeatBoardingWindow) + ")");
    }
    stops = List.copyOf(Check.orDefault(stops, List.of()));
    stopRadiusM = Check.range("stopRadiusM", Check.orDefault(stopRadiusM, 200), 10, 5000);
  }
}
