package jp.mynaterm.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * The demand taxi's booking rules at the hub ({@code taxi:} in the hub's configuration). Each wrong
 * value is a one-line configuration error naming its key (exit 2).
 *
 * @param vehicles the vehicles' terminal ids, in the order a booking is offered to them; empty: no bookings
 * @param seats passengers one vehicle carries in one slot (a wheelchair counts as one)
 * @param slot the length of a time window and of the capacity slot a booking takes seats in
 * @param minAdvance how long ahead a ride must be booked (30 minutes by default)
 * @param maxAdvance how far ahead a ride may be booked
 * @param opens first pick-up of a service day, local time ("08:00")
 * @param closes last pick-up window's end, local time ("17:00")
 * @param days service days (MONDAY..FRIDAY by default)
 * @param zone the city's time zone for hours and months
 * @param areaLat centre of the service area (WGS 84); with {@code areaRadiusKm} the area an address must lie in
 * @param areaRadiusKm the service area's radius
 * @param walkUp what a tap without a booking gets: {@code ride-if-room} or {@code refuse}
 * @param lateAfter a boarding later than this past its window's start is "late"
 * @param noShowAfter a booking nobody boarded this long after its window's end is a no-show
 * @param stops the city's stops riders may be picked up at (the vehicles' {@code taxi.stops} too)
 * @param origin the resident page's origin as residents' browsers see it, e.g.
 *     {@code https://taxi.city.example}: passkey ceremonies from any other are refused (default the
 *     console's, {@code console.origin}; required and https outside development mode when there are
 *     vehicles — see {@link #passkeyOrigin})
 * @param rpId the WebAuthn relying party id residents' passkeys are bound to: the origin's host name or
 *     a domain it is under (default: {@code origin}'s host, else {@code console.rpId})
 */
public record TaxiBookingSettings(
    List<String> vehicles, Integer seats, Duration slot, Duration minAdvance, Duration maxAdvance, String opens, String closes, List<DayOfWeek> days,
    String zone, Double areaLat, Double areaLon, Double areaRadiusKm, String walkUp, Duration lateAfter, Duration noShowAfter, List<TaxiStop> stops,
    String origin, String rpId) {
  public static final String RIDE_IF_ROOM = "ride-if-room";
  public static final String REFUSE = "refuse";
  public static final TaxiBookingSettings DEFAULT =
      new TaxiBookingSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  /** Without the resident page's own origin and relying party id (the console's). */
  public TaxiBookingSettings(
      List<String> vehicles, Integer seats, Duration slot, Duration minAdvance, Duration maxAdvance, String opens, String closes, List<DayOfWeek> days,
      String zone, Double areaLat, Double areaLon, Double areaRadiusKm, String walkUp, Duration lateAfter, Duration noShowAfter, List<TaxiStop> stops) {
    this(vehicles, seats, slot, minAdvance, maxAdvance, opens, closes, days, zone, areaLat, areaLon, areaRadiusKm, walkUp, lateAfter, noShowAfter, stops, null, null);
  }

  public TaxiBookingSettings {
    vehicles = List.copyOf(Check.orDefault(vehicles, List.of()));
    for (String v : vehicles) Check.terminalId("vehicles", v);
    seats = Check.range("seats", Check.orDefault(seats, 4), 1, 60);
    slot = Check.positive("slot", Check.orDefault(slot, Duration.ofMinutes(30)));
    if (slot.compareTo(Duration.ofMinutes(5)) < 0 || slot.compareTo(Duration.ofHours(4)) > 0 || Duration.ofDays(1).toMinutes() % slot.toMinutes() != 0) {
      throw new InvalidValue("slot", "must divide a day, from 5m to 4h, e.g. 30m (got " + DurationText.format(slot) + ")");
    }
    minAdvance = Check.orDefault(minAdvance, Duration.ofMinutes(30));
    if (minAdvance.isNegative() || minAdvance.compareTo(Duration.ofDays(7)) > 0) throw new InvalidValue("minAdvance", "must be from 0s to 7d, e.g. 30m");
    maxAdvance = Check.orDefault(maxAdvance, Duration.ofDays(14));
    if (maxAdvance.compareTo(minAdvance) <= 0) throw new InvalidValue("maxAdvance", "must be longer than minAdvance");
    opens = Check.orDefault(opens, "08:00");
    closes = Check.orDefault(closes, "17:00");
    if (!time("opens", opens).isBefore(time("closes", closes))) throw new InvalidValue("closes", "must be after opens (got " + opens + " to " + closes + ")");
    days = List.copyOf(Check.orDefault(days, List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)));
    if (days.isEmpty()) throw new InvalidValue("days", "must name at least one day, e.g. [MONDAY, FRIDAY]");
    zone = Check.orDefault(zone, "Asia/Tokyo");
    try {
      java.time.ZoneId.of(zone);
    } catch (java.time.DateTimeException e) {
      throw new InvalidValue("zone", "must be a time zone like Asia/Tokyo (got '" + zone + "')");
    }
    // The default area: Mino City's centre (the city hall) and 12 km, the city's extent.
    areaLat = Check.orDefault(areaLat, 35.5447);
    areaLon = Check.orDefault(areaLon, 136.9078);
    if (areaLat < -90 || areaLat > 90) throw new InvalidValue("areaLat", "must be WGS 84 degrees from -90 to 90");
    if (areaLon < -180 || areaLon > 180) throw new InvalidValue("areaLon", "must be WGS 84 degrees from -180 to 180");
    areaRadiusKm = Check.orDefault(areaRadiusKm, 12.0);
    if (areaRadiusKm <= 0 || areaRadiusKm > 200) throw new InvalidValue("areaRadiusKm", "must be from 0 to 200 km");
    walkUp = Check.orDefault(walkUp, RIDE_IF_ROOM);
    if (!walkUp.equals(RIDE_IF_ROOM) && !walkUp.equals(REFUSE)) throw new InvalidValue("walkUp", "must be ride-if-room or refuse (got '" + walkUp + "')");
    lateAfter = Check.positive("lateAfter", Check.orDefault(lateAfter, Duration.ofMinutes(10)));
    noShowAfter = Check.positive("noShowAfter", Check.orDefault(noShowAfter, Duration.ofMinutes(15)));
    stops = List.copyOf(Check.orDefault(stops, List.of()));
    if (origin != null && !origin.matches("https?://[^/\\s]+")) throw new InvalidValue("origin", "must be http(s)://host[:port] without a path (got '" + origin + "')");
    if (rpId != null && !rpId.matches("[A-Za-z0-9.-]{1,253}")) throw new InvalidValue("rpId", "must be a host name (got '" + rpId + "')");
    if (rpId != null && origin != null && !under(host(origin), rpId)) {
      throw new InvalidValue("rpId", "must be taxi.origin's host name or a domain it is under (got '" + rpId + "' for " + origin + ")");
    }
  }

  /**
   * The origin residents' passkey ceremonies must come from: {@code taxi.origin}, else the console's.
   * Outside development mode a city with vehicles must name an https one ({@code Hub} refuses to start
   * otherwise): residents reach the page from home, and browsers offer passkeys only in a secure context.
   */
  public String passkeyOrigin(ConsoleSettings console, int httpPort) {
    return origin != null ? origin : console.originFor(httpPort);
  }

  /** The relying party id residents' passkeys are bound to: {@code taxi.rpId}, else taxi.origin's host, else the console's. */
  public String passkeyRpId(ConsoleSettings console) {
    return rpId != null ? rpId : origin != null ? host(origin) : console.rpId();
  }

  private static String host(String origin) {
    String authority = origin.substring(origin.indexOf("://") + 3);
    return authority.startsWith("[") ? authority : authority.replaceFirst(":\\d+$", "");
  }

  private static boolean under(String host, String domain) {
    return host.equalsIgnoreCase(domain) || host.toLowerCase(java.util.Locale.ROOT).endsWith("." + domain.toLowerCase(java.util.Locale.ROOT));
  }

  private static LocalTime time(String key, String text) {
    try {
      return LocalTime.parse(text);
    } catch (java.time.DateTimeException e) {
      throw new InvalidValue(key, "must be a time of day like 08:00 (got '" + text + "')");
    }
  }

  public LocalTime opensAt() {
    return LocalTime.parse(opens);
  }

  public LocalTime closesAt() {
    return LocalTime.parse(closes);
  }

  public java.time.ZoneId zoneId() {
    return java.time.ZoneId.of(zone);
  }
}
