package jp.mynaterm.hardware.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import jp.mynaterm.protocol.io.AtomicFiles;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A payment terminal for the demo and tests. Its ledger is a JSON file written atomically after
 * every change, so idempotency holds across restarts just as a real terminal's service would. What
 * the next charges do is scripted: paid (default), declined, cancelled or unavailable.
 */
public final class SimulatedPaymentTerminal implements PaymentTerminal {
  private static final Logger log = LoggerFactory.getLogger(SimulatedPaymentTerminal.class);

  /** What the simulated resident or service does at the next charge. */
  public enum Behaviour {
    PAY,
    DECLINE,
    CANCEL,
    UNAVAILABLE,
    /** The money is taken but the answer is lost on the way: the kiosk hears "unavailable". */
    PAY_THEN_TIME_OUT
  }

  /** One line of the ledger; refundedYen is what was given back of a paid one. */
  record Entry(String paymentId, int amountYen, String state, String method, int refundedYen) {
    Entry withRefunded(int total) {
      return new Entry(paymentId, amountYen, total >= amountYen ? "refunded" : "paid", method, total);
    }
  }

  private final Path ledgerFile;
  private final String method;
  private final Map<String, Entry> ledger = new LinkedHashMap<>();
  private final ConcurrentLinkedQueue<Behaviour> script = new ConcurrentLinkedQueue<>();
  private int charges;
  private volatile boolean refundsFail;

  /**
   * @param ledgerFile where the ledger persists (created if absent)
   * @param method the payment method this simulated terminal reports, e.g. paypay
   */
  public SimulatedPaymentTerminal(Path ledgerFile, String method) {
    this.ledgerFile = ledgerFile;
    this.method = method;
    load();
  }

  /** The next charges behave like this, in order; after the script, charges are paid. */
  public void script(Behaviour... next) {
    script.addAll(java.util.List.of(next));
  }

  /** Refunds fail from now on (the service is down) until called again with false. */
  public void refundsFail(boolean fail) {
    refundsFail = fail;
  }

  /** What has been given back for a payment id, in yen. */
  public synchronized int refundedYen(String paymentId) {
    Entry e = ledger.get(paymentId);
    return e == null ? 0 : e.refundedYen();
  }

  /** How many times money was actually taken (for tests: never twice for one id). */
  public synchronized int chargesTaken() {
    return charges;
  }

  @Override
  public synchronized PaymentOutcome charge(PaymentRequest request) {
    Entry known = ledger.get(request.paymentId());
    if (known != null) {
      if (known.amountYen() != request.amountYen()) {
        return new PaymentOutcome.Declined(request.paymentId(), "payment id reused with another amount");
      }
      return outcome(known);
    }
    Behaviour b = Optional.ofNullable(script.poll()).orElse(Behaviour.PAY);
    Function<String, Entry> entry = state -> new Entry(request.paymentId(), request.amountYen(), state, method, 0);
    Entry e =
        switch (b) {
          case PAY, PAY_THEN_TIME_OUT -> entry.apply("paid");
          case DECLINE -> entry.apply("declined");
          case CANCEL -> entry.apply("cancelled");
          case UNAVAILABLE -> null;
        };
    if (e == null) return new PaymentOutcome.Unavailable(request.paymentId(), "payment service unreachable");
    ledger.put(e.paymentId(), e);
    save();
    if (b == Behaviour.PAY || b == Behaviour.PAY_THEN_TIME_OUT) {
      charges++;
      log.info("simulated payment {} taken: {} yen by {}", request.paymentId(), request.amountYen(), method);
    }
    if (b == Behaviour.PAY_THEN_TIME_OUT) return new PaymentOutcome.Unavailable(request.paymentId(), "no answer from the payment service");
    return outcome(e);
  }

  @Override
  public synchronized RefundOutcome refund(String paymentId, String reason) {
    Entry e = ledger.get(paymentId);
    return refundUpTo(paymentId, e == null ? 0 : e.amountYen(), reason);
  }

  @Override
  public synchronized RefundOutcome refundUpTo(String paymentId, int totalYen, String reason) {
    if (refundsFail) return new RefundOutcome.NotRefunded(paymentId, "refund service unreachable");
    Entry e = ledger.get(paymentId);
    if (e == null) return new RefundOutcome.NotRefunded(paymentId, "unknown payment");
    if (!e.state().equals("paid") && !e.state().equals("refunded")) return new RefundOutcome.NotRefunded(paymentId, "nothing was taken");
    if (totalYen > e.amountYen()) return new RefundOutcome.NotRefunded(paymentId, "more than was paid");
    if (totalYen > e.refundedYen()) {
      ledger.put(paymentId, e.withRefunded(totalYen));
      save();
      log.info("simulated payment {}: {} yen of {} refunded ({})", paymentId, totalYen, e.amountYen(), reason);
      return new RefundOutcome.Refunded(paymentId, totalYen);
    }
    return new RefundOutcome.Refunded(paymentId, e.refundedYen());
  }

  @Override
  public synchronized Optional<PaymentOutcome> lookup(String paymentId) {
    return Optional.ofNullable(ledger.get(paymentId)).map(SimulatedPaymentTerminal::outcome);
  }

  private static PaymentOutcome outcome(Entry e) {
    return switch (e.state()) {
      case "paid", "refunded" -> new PaymentOutcome.Paid(e.paymentId(), e.amountYen(), e.method());
      case "declined" -> new PaymentOutcome.Declined(e.paymentId(), "declined by the payment service");
      default -> new PaymentOutcome.Cancelled(e.paymentId());
    };
  }

  private void load() {
    if (!Files.exists(ledgerFile)) return;
    try {
      Entry[] entries = AtomicFiles.readJson(ledgerFile, Entry[].class);
      for (Entry e : entries) ledger.put(e.paymentId(), e.state().equals("refunded") && e.refundedYen() == 0 ? e.withRefunded(e.amountYen()) : e);
      charges = (int) ledger.values().stream().filter(e -> !e.state().equals("declined") && !e.state().equals("cancelled")).count();
    } catch (IOException e) {
      throw new UncheckedIOException("payment simulator ledger " + ledgerFile + " is unreadable", e);
    }
  }

  private void save() {
    try {
      AtomicFiles.writeJson(ledgerFile, ledger.values());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the payment simulator ledger " + ledgerFile, e);
    }
  }

}
