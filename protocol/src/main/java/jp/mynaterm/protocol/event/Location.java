package jp.mynaterm.protocol.event;

import jp.mynaterm.protocol.Fields;

/** A position from gpsd: WGS 84 degrees, and the fix's accuracy in metres where known. */
public record Location(double lat, double lon, Double accuracyM) {
  public Location {
    if (lat < -90 || lat > 90) throw new Fields.BadValue("lat", "must be between -90 and 90");
    if (lon < -180 || lon > 180) throw new Fields.BadValue("lon", "must be between -180 and 180");
  }
}
