package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

import jp.mynaterm.protocol.card.CardId;

/** A rider boarded the demand taxi with a tap, decided offline against the allow-list.
 *
 * @param shift the driver's shift id (opened with the driver button)
 * @param fareClass the rider's class from the allow-list; {@code fareYen} from configuration
 * @param location where, or null without gpsd
 * @param pinVerified whether the rider also entered the PIN (a tap alone proves the card, not the holder) */
public record RideBoarded(CardId cardId, String vehicle, String shift, String fareClass, int fareYen, Location location, boolean pinVerified) implements UsageEvent {
  public RideBoarded {
    required("cardId", cardId);
    text("vehicle", vehicle);
    text("shift", shift);
    text("fareClass", fareClass);
    nonNegative("fareYen", fareYen);
  }
}
