package jp.mynaterm.protocol.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import jp.mynaterm.protocol.Fields;

/**
 * Why a tap was refused, as {@link TapRefused} carries it: the wire name is what terminals have
 * always sent and the hub has stored, so it never changes; the meaning is what staff are told (the
 * protocol README's list is checked against it).
 */
public enum RefusalReason {
  // Decided against the allow-list.
  UNKNOWN("unknown", "the card is not on the service's allow-list"),
  SUSPENDED("suspended", "the member is suspended"),
  UNKNOWN_FARE_CLASS("unknown-fare-class", "the rider's class in the allow-list has no fare in taxi.fares: the counter or the vehicle's configuration must be corrected"),
  // Decided from the card's certificate.
  REVOKED("revoked", "the certificate is on the revocation list"),
  EXPIRED("expired", "the certificate has expired"),
  NOT_YET_VALID("not-yet-valid", "the certificate is not valid yet (or the terminal's clock is behind)"),
  UNTRUSTED("untrusted", "the certificate does not chain to a trusted CA"),
  // Decided from what the reader could read.
  NOT_MY_NUMBER_CARD("not-my-number-card", "the card is not a My Number card"),
  REMOVED("removed", "the card was taken away before it was read"),
  UNREADABLE("unreadable", "the card could not be read"),
  // Decided from the terminal's settings.
  PIN_REQUIRED("pin-required", "the service requires the PIN and none was entered"),
  // Decided from what the terminal recorded.
  ALREADY_BOARDED("already-boarded", "the card boarded this vehicle within taxi.repeatBoardingWindow: a second tap is not a second ride"),
  // Decided against the vehicle's manifest (the hub's taxi.walkUp rule).
  NO_BOOKING("no-booking", "the rider has no booking on this vehicle now and the hub's taxi.walkUp rule is refuse"),
  NO_ROOM("no-room", "the rider has no booking and the seats of this slot are booked (taxi.walkUp ride-if-room)");

  private final String wire;
  private final String meaning;

  RefusalReason(String wire, String meaning) {
    this.wire = wire;
    this.meaning = meaning;
  }

  /** The name on the wire and in the hub's records ({@code not-yet-valid}). */
  @JsonValue
  public String wire() {
    return wire;
  }

  /** What it means, in English, for staff and logs. */
  public String meaning() {
    return meaning;
  }

  /** The reason with this wire name; an unknown one is a bad value of the field {@code reason}. */
  @JsonCreator
  public static RefusalReason fromWire(String wire) {
    Fields.required("reason", wire);
    return Arrays.stream(values())
        .filter(r -> r.wire.equals(wire))
        .findFirst()
        .orElseThrow(() -> new Fields.BadValue("reason", "is not a refusal reason this version knows"));
  }

  @Override
  public String toString() {
    return wire;
  }
}
