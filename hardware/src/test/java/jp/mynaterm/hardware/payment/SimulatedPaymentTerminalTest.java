package jp.mynaterm.hardware.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import jp.mynaterm.hardware.payment.PaymentTerminal.PaymentOutcome;
import jp.mynaterm.hardware.payment.PaymentTerminal.PaymentRequest;
import jp.mynaterm.hardware.payment.PaymentTerminal.RefundOutcome;
import jp.mynaterm.hardware.payment.SimulatedPaymentTerminal.Behaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedPaymentTerminalTest {
  @TempDir Path dir;

  @Test
  void chargingTheSameIdTwiceTakesMoneyOnce() {
    var t = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "paypay");
    var req = new PaymentRequest("pay-1", 250, "住民票の写し 1通");
    assertEquals(new PaymentOutcome.Paid("pay-1", 250, "paypay"), t.charge(req));
    assertEquals(new PaymentOutcome.Paid("pay-1", 250, "paypay"), t.charge(req));
    assertEquals(1, t.chargesTaken());
  }

  @Test
  void idempotencyHoldsAcrossARestart() {
    var first = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "ic");
    first.charge(new PaymentRequest("pay-2", 300, "x"));
    var afterRestart = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "ic");
    assertInstanceOf(PaymentOutcome.Paid.class, afterRestart.lookup("pay-2").orElseThrow());
    afterRestart.charge(new PaymentRequest("pay-2", 300, "x"));
    assertEquals(1, afterRestart.chargesTaken());
  }

  @Test
  void reusingAnIdForAnotherAmountIsRefused() {
    var t = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "ic");
    t.charge(new PaymentRequest("pay-3", 250, "x"));
    assertInstanceOf(PaymentOutcome.Declined.class, t.charge(new PaymentRequest("pay-3", 500, "x")));
    assertEquals(1, t.chargesTaken());
  }

  @Test
  void scriptedFailuresTakeNothing() {
    var t = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "ic");
    t.script(Behaviour.DECLINE, Behaviour.CANCEL, Behaviour.UNAVAILABLE);
    assertInstanceOf(PaymentOutcome.Declined.class, t.charge(new PaymentRequest("a", 250, "x")));
    assertInstanceOf(PaymentOutcome.Cancelled.class, t.charge(new PaymentRequest("b", 250, "x")));
    assertInstanceOf(PaymentOutcome.Unavailable.class, t.charge(new PaymentRequest("c", 250, "x")));
    assertEquals(0, t.chargesTaken());
    // an unavailable terminal recorded nothing: the same id can be paid once it is back
    assertInstanceOf(PaymentOutcome.Paid.class, t.charge(new PaymentRequest("c", 250, "x")));
  }

  @Test
  void refundOnceOnlyAndOnlyWhatWasTaken() {
    var t = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "ic");
    t.charge(new PaymentRequest("pay-4", 250, "x"));
    assertEquals(new RefundOutcome.Refunded("pay-4", 250), t.refund("pay-4", "print-failed"));
    assertEquals(new RefundOutcome.Refunded("pay-4", 250), t.refund("pay-4", "print-failed"));
    assertInstanceOf(RefundOutcome.NotRefunded.class, t.refund("never-paid", "x"));
    t.script(Behaviour.DECLINE);
    t.charge(new PaymentRequest("pay-5", 250, "x"));
    assertTrue(t.refund("pay-5", "x") instanceof RefundOutcome.NotRefunded);
  }

  @Test
  void aPartRefundedTwiceIsGivenBackOnceAndSurvivesARestart() {
    var t = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "ic");
    t.charge(new PaymentRequest("pay-6", 500, "2 copies"));
    assertEquals(new RefundOutcome.Refunded("pay-6", 250), t.refundUpTo("pay-6", 250, "one copy jammed"));
    var afterRestart = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "ic");
    assertEquals(new RefundOutcome.Refunded("pay-6", 250), afterRestart.refundUpTo("pay-6", 250, "retried"));
    assertEquals(250, afterRestart.refundedYen("pay-6"));
    assertInstanceOf(RefundOutcome.NotRefunded.class, afterRestart.refundUpTo("pay-6", 600, "x"));
  }

  @Test
  void aChargeWhoseAnswerIsLostWasTakenAndIsFoundByTheSameId() {
    var t = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "ic");
    t.script(Behaviour.PAY_THEN_TIME_OUT);
    var req = new PaymentRequest("pay-7", 250, "x");
    assertInstanceOf(PaymentOutcome.Unavailable.class, t.charge(req));
    assertInstanceOf(PaymentOutcome.Paid.class, t.lookup("pay-7").orElseThrow());
    assertInstanceOf(PaymentOutcome.Paid.class, t.charge(req));
    assertEquals(1, t.chargesTaken());
  }
}
