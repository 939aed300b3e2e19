package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;


/** A payment was taken; {@code paymentId} is its idempotency key, so it is never taken twice.
 *
 * @param method the payment method as the payment terminal names it (paypay, ic, credit, …) */
public record PaymentTaken(String paymentId, int amountYen, String method, String purpose) implements UsageEvent {
  public PaymentTaken {
    text("paymentId", paymentId);
    positive("amountYen", amountYen);
    text("method", method);
    purpose = purpose == null ? "" : purpose;
  }
}
