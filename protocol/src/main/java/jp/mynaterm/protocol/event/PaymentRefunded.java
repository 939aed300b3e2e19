package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;


/** A payment was refunded (e.g. the print failed after payment). */
public record PaymentRefunded(String paymentId, int amountYen, String reason) implements UsageEvent {
  public PaymentRefunded {
    text("paymentId", paymentId);
    positive("amountYen", amountYen);
    text("reason", reason);
  }
}
