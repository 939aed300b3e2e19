package jp.mynaterm.protocol.event;

import jp.mynaterm.protocol.Fields;

/**
 * Where a ride began or ended, as coarse as the city's planning needs: the stop it was at (its id and
 * published position), or else the centre of a zone of about 1 km. Never the GPS fix itself, which
 * tied to a CardId would tell where a resident lives. WGS 84 degrees.
 *
 * @param accuracyM how far the real place may be from this one, in metres
 * @param stop the stop's id (GTFS stops.txt), or null when the ride was away from every stop
 */
public record Location(double lat, double lon, Double accuracyM, String stop) {
  public Location {
    if (lat < -90 || lat > 90) throw new Fields.BadValue("lat", "must be between -90 and 90");
    if (lon < -180 || lon > 180) throw new Fields.BadValue("lon", "must be between -180 and 180");
  }

  /** A fix as gpsd gives it, before the terminal makes it coarse. */
  public static Location fix(double lat, double lon, Double accuracyM) {
    return new Location(lat, lon, accuracyM, null);
  }
}
