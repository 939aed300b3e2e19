package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

/**
 * A terminal needs a person: at a kiosk, money in doubt or paper in the printer (the kiosk lights its
 * call-staff lamp); at a library counter, a loan or return done offline that the library system
 * refused when it was sent later. The hub keeps it for staff.
 *
 * @param problem refund-failed (the resident is owed {@code amountYen}), payment-unknown (the terminal
 *     cannot say whether it charged), jammed (a sheet with the code may be inside the printer),
 *     copy-in-doubt (the kiosk stopped while a copy printed: it may be in the tray), unfinished-at-start (the kiosk stopped mid-transaction and settled it when it started again),
 *     offline-loan-refused / offline-return-refused (library: the book is out, or back, without the
 *     library system's record; counts only, no item or patron)
 * @param verificationCode the transaction's code, also the resident's reference; at the library, the
 *     terminal's own queue number {@code #N}, meaningful only on its staff page
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
