package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

import jp.mynaterm.protocol.card.CardId;

/** A rider tapped again on leaving (optional in the service). */
public record RideAlighted(CardId cardId, String vehicle, String shift, Location location) implements UsageEvent {
  public RideAlighted {
    required("cardId", cardId);
    text("vehicle", vehicle);
    text("shift", shift);
  }
}
