package jp.mynaterm.config;

import java.util.Map;

/**
 * @param vehicle the vehicle's name as the operator knows it
 * @param fares yen per ride for each fare class; the allow-list gives each rider a class
 * @param requirePin whether a rider must also enter the PIN (a tap alone proves neither the card nor the holder: a copied certificate passes)
 * @param gpsd host:port of gpsd for the boarding location, empty for none
 * @param alightingTap whether riders tap again when leaving (records the alighting)
 */
public record TaxiSettings(String vehicle, Map<String, Integer> fares, Boolean requirePin, String gpsd, Boolean alightingTap) {
  /** Kani City's のり愛くん: ¥300 a ride, half for children and disability certificates, preschoolers free. */
  public static final Map<String, Integer> DEFAULT_FARES =
      Map.of("adult", 300, "senior", 300, "licence-returned", 300, "child", 150, "disability", 150, "preschool", 0);

  public static final TaxiSettings DEFAULT = new TaxiSettings(null, null, null, null, null);

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
  }
}
