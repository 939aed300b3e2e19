package jp.mynaterm.agent.taxi;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import jp.mynaterm.config.TaxiStop;
import jp.mynaterm.protocol.event.Location;

/**
 * Turns the vehicle's GPS fix into where a ride is recorded: the nearest configured stop within
 * {@code taxi.stopRadiusM}, else the centre of the zone (a cell of 0.01° latitude by 0.0125°
 * longitude, about 1.1 km square around Mino) the fix falls in. The fix itself never leaves this class:
 * a door-to-door ride's exact point, tied to a CardId, is where the resident lives.
 */
public final class RidePlaces implements Supplier<Optional<Location>> {
  static final double ZONE_LAT = 0.01;
  static final double ZONE_LON = 0.0125;
  /** Half the zone's diagonal at 35.5°N, rounded up: how far a zone's centre may be from the ride. */
  static final double ZONE_ACCURACY_M = 800;
  private static final double EARTH_RADIUS_M = 6_371_000;

  private final Supplier<Optional<Location>> fixes;
  private final List<TaxiStop> stops;
  private final int radiusM;

  public RidePlaces(Supplier<Optional<Location>> fixes, List<TaxiStop> stops, int radiusM) {
    this.fixes = fixes;
    this.stops = List.copyOf(stops);
    this.radiusM = radiusM;
  }

  @Override
  public Optional<Location> get() {
    return fixes.get().map(this::coarse);
  }

  Location coarse(Location fix) {
    Optional<TaxiStop> near = stops.stream()
        .filter(s -> metres(fix.lat(), fix.lon(), s.lat(), s.lon()) <= radiusM)
        .min(Comparator.comparingDouble(s -> metres(fix.lat(), fix.lon(), s.lat(), s.lon())));
    if (near.isPresent()) return new Location(near.get().lat(), near.get().lon(), (double) radiusM, near.get().id());
    return new Location(centre(fix.lat(), ZONE_LAT), centre(fix.lon(), ZONE_LON), ZONE_ACCURACY_M, null);
  }

  private static double centre(double degrees, double cell) {
    double c = (Math.floor(degrees / cell) + 0.5) * cell;
    return Math.round(c * 100_000) / 100_000.0; // five decimals: no float noise in the record
  }

  /** Great-circle distance (haversine); plenty for a few hundred metres. */
  static double metres(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
  }
}
