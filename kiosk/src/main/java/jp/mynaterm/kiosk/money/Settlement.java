package jp.mynaterm.kiosk.money;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.agent.usage.UsageRecorder;
import jp.mynaterm.hardware.payment.PaymentTerminal;
import jp.mynaterm.hardware.payment.PaymentTerminal.PaymentOutcome;
import jp.mynaterm.hardware.payment.PaymentTerminal.RefundOutcome;
import jp.mynaterm.kiosk.money.TransactionJournal.Entry;
import jp.mynaterm.kiosk.money.TransactionJournal.State;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.CertificateVoided;
import jp.mynaterm.protocol.event.PaymentRefunded;
import jp.mynaterm.protocol.event.PaymentTaken;
import jp.mynaterm.protocol.event.StaffAlert;
import jp.mynaterm.protocol.event.UsageEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a transaction by what really happened: the copies that came out are paid for, the rest is
 * refunded ({@link PaymentTerminal#refundUpTo}, so a settlement repeated after a crash gives back
 * nothing twice), the hub is told the code's fate ({@link CertificateIssued}: valid for the copies
 * printed; {@link CertificateVoided}: none came out), and staff are alerted ({@link StaffAlert}) when
 * money is in doubt or paper may be in the printer. The same rules serve the resident at the kiosk
 * and {@link #reconcileAtStart} after a crash.
 *
 * <p>After a restart the resident is gone: unprinted copies are refunded, never printed into an empty
 * tray for the next person to take (the journal holds no document to print from, by design).
 */
public final class Settlement {
  private static final Logger log = LoggerFactory.getLogger(Settlement.class);

  /** How a transaction ended, for the screen. */
  public sealed interface Closed {
    /** @param refundedYen given back for copies that did not come out (0 when all did) */
    record Settled(int printed, int copies, int refundedYen) implements Closed {}

    /** The refund failed or the terminal cannot say: recorded, staff alerted, the resident is owed this. */
    record StaffNeeded(int owedYen, String reference) implements Closed {}
  }

  private final TransactionJournal journal;
  private final PaymentTerminal payment;
  private final UsageRecorder recorder;

  public Settlement(TransactionJournal journal, PaymentTerminal payment, UsageRecorder recorder) {
    this.journal = journal;
    this.payment = payment;
    this.recorder = recorder;
  }

  public TransactionJournal journal() {
    return journal;
  }

  /**
   * The charge succeeded and copy 1 is to be sent next: journal first (the truth after a crash), then
   * the event for the hub. If the outbox is full, nothing is sent (the caller gives the money back).
   */
  public void charged(Entry e, PaymentOutcome.Paid paid) throws SQLException, UsageRecorder.RecorderFull {
    journal.charged(e.code(), true);
    try {
      recorder.record(new PaymentTaken(paid.paymentId(), paid.amountYen(), paid.method(), e.type()));
    } catch (UsageRecorder.RecorderFull full) {
      journal.notPrinted(e.code());
      throw full;
    }
  }

  /**
   * Settles every transaction a crash left open, and alerts staff for each that had money in play.
   *
   * @return how many were settled
   */
  public int reconcileAtStart() throws SQLException {
    List<Entry> open = journal.unfinished();
    for (Entry e : open) {
      log.warn("transaction {} was left {} (printed {} of {}): settling it", e.code(), e.state(), e.printed(), e.copies());
      Closed closed = settle(e, "unfinished-at-start");
      if (closed instanceof Closed.Settled s && (e.state() == State.CHARGED || s.refundedYen() > 0)) {
        alert(new StaffAlert("unfinished-at-start", e.code(), e.paymentId(), s.refundedYen()));
      }
    }
    return open.size();
  }

  /**
   * Ends a transaction from its journal entry: an INTENT is looked up at the payment terminal (it may
   * have charged without answering), a CHARGED one keeps what was printed and refunds the rest.
   */
  public Closed settle(Entry e, String reason) throws SQLException {
    if (e.state() == State.INTENT) {
      Optional<PaymentOutcome> known = payment.lookup(e.paymentId());
      if (known.isPresent() && known.get() instanceof PaymentOutcome.Unavailable) {
        journal.close(e.code(), State.NEEDS_STAFF, 0, "payment-unknown");
        alert(new StaffAlert("payment-unknown", e.code(), e.paymentId(), e.feeYen()));
        return new Closed.StaffNeeded(e.feeYen(), e.code());
      }
      if (!(known.isPresent() && known.get() instanceof PaymentOutcome.Paid paid)) {
        journal.close(e.code(), State.VOID, 0, "not-paid");
        record(new CertificateVoided(e.type(), e.code(), "", "not-paid"));
        return new Closed.Settled(0, e.copies(), 0);
      }
      // Charged without the kiosk hearing it (a lost answer, or a crash right after paying).
      journal.charged(e.code(), false);
      record(new PaymentTaken(paid.paymentId(), paid.amountYen(), paid.method(), e.type()));
    }
    Entry now = journal.find(e.code()).orElseThrow();
    if (now.sending() > 0) {
      // A copy was sent and never confirmed (it jammed inside, or the kiosk stopped while it printed):
      // the sheet may be in the printer or the tray. Not counted, so not charged; staff look for it.
      alert(new StaffAlert(reason.equals("unfinished-at-start") ? "copy-in-doubt" : "jammed", now.code(), now.paymentId(), 0));
    }
    int printed = now.printed();
    int owed = (now.copies() - printed) * now.perCopyYen();
    List<UsageEvent> told = new ArrayList<>();
    if (printed > 0) told.add(new CertificateIssued(now.type(), now.code(), printed, printed * now.perCopyYen(), now.paymentId(), now.digest()));
    else told.add(new CertificateVoided(now.type(), now.code(), now.paymentId(), reason));
    if (owed > 0) {
      RefundOutcome refund = payment.refundUpTo(now.paymentId(), owed, reason);
      if (refund instanceof RefundOutcome.NotRefunded no) {
        log.error("refund of {} yen for {} failed: {}", owed, now.paymentId(), no.reason());
        told.forEach(this::record);
        journal.close(now.code(), State.NEEDS_STAFF, 0, "refund-failed: " + no.reason());
        alert(new StaffAlert("refund-failed", now.code(), now.paymentId(), owed));
        return new Closed.StaffNeeded(owed, now.code());
      }
      told.add(new PaymentRefunded(now.paymentId(), owed, reason));
    }
    // Told first, closed after: a crash between the two settles again at start and tells the same again
    // (the refund is idempotent), where the other order would close it with the hub never told.
    told.forEach(this::record);
    journal.close(now.code(), printed > 0 ? State.FINISHED : State.REFUNDED, owed, owed > 0 ? reason : "");
    return new Closed.Settled(printed, now.copies(), owed);
  }

  private void alert(StaffAlert a) {
    log.warn("staff alerted: {} for {} ({} yen)", a.problem(), a.verificationCode(), a.amountYen());
    record(a);
  }

  /** Events that follow what is already done and journaled; a full outbox cannot undo them. */
  private void record(UsageEvent e) {
    try {
      recorder.record(e);
    } catch (UsageRecorder.RecorderFull full) {
      log.error("outbox full: {} for a settled transaction could not be recorded", e.getClass().getSimpleName());
    }
  }
}
