package jp.mynaterm.config;

/**
 * A stop of the demand taxi where rides are counted: the city's planning is by stop and hour, so a
 * ride is recorded at its stop, never at the GPS position tied to a card.
 *
 * @param id the stop's id (as in a GTFS stops.txt), e.g. {@code S012}
 * @param name the stop's name, e.g. {@code 美濃市役所}
 */
public record TaxiStop(String id, String name, Double lat, Double lon) {
  public TaxiStop {
    Check.required("stops[].id", id);
    if (!id.matches("[A-Za-z0-9_-]{1,32}")) throw new InvalidValue("stops[].id", "must be 1-32 letters, digits, '_' or '-' (got '" + id + "')");
    name = Check.orDefault(name, id);
    Check.required("stops[" + id + "].lat", lat);
    Check.required("stops[" + id + "].lon", lon);
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) throw new InvalidValue("stops[" + id + "]", "lat and lon must be WGS 84 degrees");
  }
}
