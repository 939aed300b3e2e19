package jp.mynaterm.hardware.payment;

import java.util.Optional;

/**
 * The kiosk's payment terminal (QR payments, IC cards, credit), whatever its vendor protocol. Every
 * charge carries an idempotency key, the payment id: charging the same id again returns the first
 * outcome and never takes money twice, also after the kiosk restarted mid-payment. The kiosk never
 * sees card data; it learns only the outcome and the method used.
 */
public interface PaymentTerminal {

  /** Asks the resident to pay; blocks until paid, declined, cancelled or the terminal gives up. */
  PaymentOutcome charge(PaymentRequest request);

  /** Returns a taken payment (e.g. the print failed); refunding an id twice refunds once. */
  RefundOutcome refund(String paymentId, String reason);

  /**
   * Returns part of a taken payment (two copies paid, one printed): afterwards {@code totalYen} in
   * all has been given back for this id. Asking again for the same total gives back nothing more, so
   * a refund retried after a restart never pays out twice.
   */
  RefundOutcome refundUpTo(String paymentId, int totalYen, String reason);

  /** What happened to a payment id, if the terminal knows it: for recovery after a restart. */
  Optional<PaymentOutcome> lookup(String paymentId);

  /**
   * @param paymentId the idempotency key: unique per intended payment, kept by the kiosk durably
   *     before {@link #charge} is called
   * @param purpose shown on the payment terminal, e.g. 住民票の写し 1通
   */
  record PaymentRequest(String paymentId, int amountYen, String purpose) {
    public PaymentRequest {
      if (paymentId == null || paymentId.isBlank()) throw new IllegalArgumentException("paymentId is required");
      if (amountYen < 1) throw new IllegalArgumentException("amount must be at least 1 yen");
    }
  }

  /** How a charge ended. */
  sealed interface PaymentOutcome {
    String paymentId();

    /** @param method as the terminal names it: paypay, d-barai, rakuten-pay, au-pay, ic, credit */
    record Paid(String paymentId, int amountYen, String method) implements PaymentOutcome {}

    /** The payment service said no (insufficient balance, card refused). */
    record Declined(String paymentId, String reason) implements PaymentOutcome {}

    /** The resident cancelled on the payment terminal, or did not pay in time. */
    record Cancelled(String paymentId) implements PaymentOutcome {}

    /**
     * The terminal or its service did not say how the charge ended (unreachable, timed out). Money may
     * have been taken: ask again with the same payment id, or {@link #lookup} it, before anything else.
     */
    record Unavailable(String paymentId, String reason) implements PaymentOutcome {}
  }

  sealed interface RefundOutcome {
    /** @param amountYen given back for this payment in all */
    record Refunded(String paymentId, int amountYen) implements RefundOutcome {}

    record NotRefunded(String paymentId, String reason) implements RefundOutcome {}
  }
}
