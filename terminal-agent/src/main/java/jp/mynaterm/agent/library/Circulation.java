package jp.mynaterm.agent.library;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import jp.mynaterm.agent.library.PendingTransactions.Kind;
import jp.mynaterm.agent.library.PendingTransactions.Pending;
import jp.mynaterm.agent.library.sip2.Sip2Client;
import jp.mynaterm.agent.library.sip2.Sip2Codec;
import jp.mynaterm.agent.library.sip2.Sip2Exception;
import jp.mynaterm.agent.usage.UsageRecorder;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.LibraryLoan;
import jp.mynaterm.protocol.event.LibraryReturn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loans and returns at the library counter. Online, each goes to the library system over SIP2 at
 * once. When the library system cannot be reached, the transaction is queued durably and the staff
 * are told so; {@link #drain()} later sends the queue in order with SIP2's no-block flag and the
 * original date, which the library system must accept. Each loan or return the library system has
 * accepted becomes an event for the hub that says only that a loan or return happened: no card, no
 * patron, no item (reading records stay in the library system; see {@link LibraryLoan}).
 */
public final class Circulation {
  private static final Logger log = LoggerFactory.getLogger(Circulation.class);

  /** Opens a logged-in SIP2 session. */
  @FunctionalInterface
  public interface Sip2Sessions {
    Sip2Client open() throws Sip2Exception;
  }

  public sealed interface Outcome {
    /** The library system accepted it. */
    record Done(String title, String dueDate) implements Outcome {}

    /** The library system refused it; {@code message} is its screen message for the staff. */
    record Refused(String message) implements Outcome {}

    /** Unreachable: stored, to be sent later. */
    record Queued(long pendingId) implements Outcome {}

    /** Neither done nor queued: staff must act (configuration, storage, protocol). */
    record Failed(String reason) implements Outcome {}
  }

  private final Sip2Sessions sessions;
  private final PendingTransactions queue;
  private final UsageRecorder recorder;
  private final Clock clock;
  private final ZoneId zone;

  public Circulation(Sip2Sessions sessions, PendingTransactions queue, UsageRecorder recorder, Clock clock, ZoneId zone) {
    this.sessions = sessions;
    this.queue = queue;
    this.recorder = recorder;
    this.clock = clock;
    this.zone = zone;
  }

  public Outcome checkout(CardId card, String patron, String item) {
    return transact(Kind.CHECKOUT, card, patron, item);
  }

  public Outcome checkin(CardId card, String item) {
    return transact(Kind.CHECKIN, card, "", item);
  }

  private Outcome transact(Kind kind, CardId card, String patron, String item) {
    String date = Sip2Codec.date(clock.instant(), zone);
    try (Sip2Client sip2 = sessions.open()) {
      Sip2Client.AcsStatus status = sip2.scStatus();
      if (!status.online()) throw new Sip2Exception(Sip2Exception.Kind.UNREACHABLE, "library system says it is off line");
      if (kind == Kind.CHECKOUT ? !status.checkoutOk() : !status.checkinOk()) {
        return new Outcome.Refused(status.screenMessage().isEmpty() ? "the library system takes no " + (kind == Kind.CHECKOUT ? "checkouts" : "returns") + " now" : status.screenMessage());
      }
      return send(sip2, kind, card.value(), patron, item, date, false);
    } catch (Sip2Exception e) {
      if (!e.transientFailure()) return new Outcome.Failed(e.getMessage());
      try {
        long id = queue.add(kind, card.value(), patron, item, date);
        log.info("library system unreachable; {} queued as #{}", kind.name().toLowerCase(), id);
        return new Outcome.Queued(id);
      } catch (IOException io) {
        return new Outcome.Failed("library system unreachable and the queue cannot store: " + io.getMessage());
      }
    }
  }

  private Outcome send(Sip2Client sip2, Kind kind, String cardId, String patron, String item, String date, boolean offline) throws Sip2Exception {
    return switch (kind) {
      case CHECKOUT -> {
        var r = sip2.checkout(patron, item, offline, date);
        // A refusal at the counter is no loan; a queued one the library system refused is kept as such.
        if (r.ok() || offline) record(new LibraryLoan(offline, r.ok()));
        yield r.ok() ? new Outcome.Done(r.title(), r.dueDate()) : new Outcome.Refused(r.screenMessage());
      }
      case CHECKIN -> {
        var r = sip2.checkin(item, offline, date, "");
        if (r.ok() || offline) record(new LibraryReturn(offline, r.ok()));
        yield r.ok() ? new Outcome.Done(r.title(), "") : new Outcome.Refused(r.screenMessage());
      }
    };
  }

  private void record(jp.mynaterm.protocol.event.UsageEvent e) {
    try {
      recorder.record(e);
    } catch (UsageRecorder.RecorderFull full) {
      // The library system has it; the hub's count will miss it until staff free the outbox.
      log.error("outbox full: a {} accepted by the library system was not recorded", e.getClass().getSimpleName());
    }
  }

  /** What is waiting for the library system, oldest first. */
  public List<Pending> pending() throws IOException {
    return queue.list();
  }

  /**
   * Sends the queue, oldest first, with the no-block flag. Stops at the first unreachable moment and
   * keeps the rest. Returns how many the library system took (accepted or refused). One drain at a
   * time: staff's "send now" and the background sender would otherwise both read the same waiting
   * loan and send it twice; the second waits and then finds what the first left.
   */
  public synchronized int drain() throws IOException {
    List<Pending> waiting = queue.list();
    if (waiting.isEmpty()) return 0;
    int sent = 0;
    try (Sip2Client sip2 = sessions.open()) {
      // SC Status before each batch: the library system says whether it takes what was done offline.
      Sip2Client.AcsStatus status = sip2.scStatus();
      if (!status.online() || !status.offlineOk()) {
        log.info("library system {}; {} transactions wait", status.online() ? "does not accept offline transactions now" : "is off line", waiting.size());
        return 0;
      }
      for (Pending p : waiting) {
        try {
          Outcome o = send(sip2, p.kind(), p.cardId(), p.patron(), p.item(), p.sip2Date(), true);
          if (o instanceof Outcome.Refused r) log.warn("queued {} #{} refused by the library system: {}", p.kind(), p.id(), r.message());
          queue.remove(p.id());
          sent++;
        } catch (Sip2Exception e) {
          queue.attemptFailed(p.id(), e.getMessage());
          if (e.transientFailure()) break;
        }
      }
    } catch (Sip2Exception e) {
      log.info("library system still unreachable; {} transactions wait", waiting.size());
    }
    return sent;
  }
}
