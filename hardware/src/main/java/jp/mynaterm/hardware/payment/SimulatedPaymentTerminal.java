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
    UNAVAILABLE
  }

  /** One line of the ledger. */
  record Entry(String paymentId, int amountYen, String state, String method) {}

  private final Path ledgerFile;
  private final String method;
  private final Map<String, Entry> ledger = new LinkedHashMap<>();
  private final ConcurrentLinkedQueue<Behaviour> script = new ConcurrentLinkedQueue<>();
  private int charges;

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
    Function<String, Entry> entry = state -> new Entry(request.paymentId(), request.amountYen(), state, method);
    Entry e =
        switch (b) {
          case PAY -> entry.apply("paid");
          case DECLINE -> entry.apply("declined");
          case CANCEL -> entry.apply("cancelled");
          case UNAVAILABLE -> null;
        };
    if (e == null) return new PaymentOutcome.Unavailable(request.paymentId(), "payment service unreachable");
    ledger.put(e.paymentId(), e);
    save();
    if (b == Behaviour.PAY) {
      charges++;
      log.info("simulated payment {} taken: {} yen by {}", request.paymentId(), request.amountYen(), method);
    }
    return outcome(e);
  }

  @Override
  public synchronized RefundOutcome refund(String paymentId, String reason) {
    Entry e = ledger.get(paymentId);
    if (e == null) return new RefundOutcome.NotRefunded(paymentId, "unknown payment");
    return switch (e.state()) {
      case "paid" -> {
        ledger.put(paymentId, new Entry(paymentId, e.amountYen(), "refunded", e.method()));
        save();
        log.info("simulated payment {} refunded ({})", paymentId, reason);
        yield new RefundOutcome.Refunded(paymentId, e.amountYen());
      }
      case "refunded" -> new RefundOutcome.Refunded(paymentId, e.amountYen());
      default -> new RefundOutcome.NotRefunded(paymentId, "nothing was taken");
    };
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
      for (Entry e : entries) ledger.put(e.paymentId(), e);
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
