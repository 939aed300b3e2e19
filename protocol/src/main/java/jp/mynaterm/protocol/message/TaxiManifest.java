package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/**
 * One demand-taxi vehicle's manifest at a version: the pick-ups booked on it that are still to come,
 * and the hub's rules for a tap. Sent whole at every version (a day's manifest is a few dozen
 * pick-ups) on the vehicle's own down branch only, so a vehicle never reads another's riders; a
 * vehicle keeps the newest version it holds and ignores older ones, and a vehicle that was offline
 * asks with its ListSync ({@link #LIST} in {@code have}) and gets the current one.
 *
 * @param seats passengers the vehicle carries in one slot
 * @param walkUp what a tap without a booking gets: {@code ride-if-room} or {@code refuse}
 * @param lateAfterSeconds a boarding this long past its window's start is late
 * @param noShowAfterSeconds a booking's tap counts until this long past its window's end (then it is a no-show)
 */
public record TaxiManifest(String vehicle, long version, int seats, String walkUp, long lateAfterSeconds, long noShowAfterSeconds, java.util.List<Pickup> pickups)
    implements Body {
  /** What a tap without a booking gets when the hub's rule is to refuse it. */
  public static final String REFUSE = "refuse";

  /** The key of a vehicle's manifest in the version maps (birth, heartbeat, ListSync's have). */
  public static final String LIST = "manifest";

  public TaxiManifest {
    text("vehicle", vehicle);
    positive("version", version);
    positive("seats", seats);
    text("walkUp", walkUp);
    nonNegative("lateAfterSeconds", lateAfterSeconds);
    nonNegative("noShowAfterSeconds", noShowAfterSeconds);
    pickups = list("pickups", pickups);
  }

  /**
   * One booked pick-up, as the driver needs it. {@code member} is the rider number on the taxi's
   * allow-list (the tap is matched by it); no name. {@code address} is set only for a pick-up away
   * from the city's stops.
   */
  public record Pickup(String booking, String member, long windowStartMs, long windowEndMs, String stopId, String stopName, String address, int passengers,
      boolean wheelchair) {
    public Pickup {
      text("booking", booking);
      text("member", member);
      positive("passengers", passengers);
      stopId = stopId == null ? "" : stopId;
      stopName = stopName == null ? "" : stopName;
      address = address == null ? "" : address;
    }
  }
}
