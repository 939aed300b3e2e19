package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

import jp.mynaterm.protocol.card.CardId;

/** A patient checked in at reception with card + PIN.
 *
 * @param queueNumber the number printed on the reception slip */
public record HospitalCheckIn(CardId cardId, String patient, int queueNumber) implements UsageEvent {
  public HospitalCheckIn {
    required("cardId", cardId);
    text("patient", patient);
    positive("queueNumber", queueNumber);
  }
}
