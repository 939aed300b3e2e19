package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

/**
 * A kiosk needs a person: money in doubt or paper in the printer. The hub keeps it for staff; the
 * kiosk lights its call-staff lamp.
 *
 * @param problem refund-failed (the resident is owed {@code amountYen}), payment-unknown (the terminal
 *     cannot say whether it charged), jammed (a sheet with the code may be inside the printer),
 *     copy-in-doubt (the kiosk stopped while a copy printed: it may be in the tray), unfinished-at-start (the kiosk stopped mid-transaction and settled it when it started again)
 * @param verificationCode the transaction's code, also the resident's reference
 * @param amountYen the money concerned (owed, refunded or in doubt); 0 when none
 */
public record StaffAlert(String problem, String verificationCode, String paymentId, int amountYen) implements UsageEvent {
  public StaffAlert {
    text("problem", problem);
    text("verificationCode", verificationCode);
    paymentId = paymentId == null ? "" : paymentId;
    nonNegative("amountYen", amountYen);
  }
}
