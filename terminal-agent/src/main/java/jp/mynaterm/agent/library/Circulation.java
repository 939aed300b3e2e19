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
import jp.mynaterm.protocol.event.StaffAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loans and returns at the library counter. Online, each goes to the library system over SIP2 at
 * once. When the library system cannot be reached, the transaction is queued durably and the staff
 * are told so; {@link #drain()} later sends the queue in order with SIP2's no-block flag and the
 * original date, which the library system must accept. Each loan or return the library system has
 * accepted becomes an event for the hub that says only that a loan or return happened: no card, no
 * patron, no item (reading records stay in the library system; see {@link LibraryLoan}). A queued
 * one the library system refuses is kept for staff with its reason ({@link #refused()}).
 */
public final class Circulation {
  private static final Logger log = LoggerFactory.getLogger(Circulation.class);
  /**
   * The {@link StaffAlert} problems for the hub's work queue: counts only, with the terminal's own
   * reference ({@code #id}, meaningful on this terminal's staff page alone), no item, no patron.
   */
  public static final String OFFLINE_LOAN_REFUSED = "offline-loan-refused";

  public static final String OFFLINE_RETURN_REFUSED = "offline-return-refused";

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
  private final boolean patronPasswords;

  public Circulation(Sip2Sessions sessions, PendingTransactions queue, UsageRecorder recorder, Clock clock, ZoneId zone) {
    this(sessions, queue, recorder, clock, zone, false);
  }

  /** @param patronPasswords whether the library gives patrons their own passwords ({@code library.sip2.patronPasswords}) */
  public Circulation(Sip2Sessions sessions, PendingTransactions queue, UsageRecorder recorder, Clock clock, ZoneId zone, boolean patronPasswords) {
    this.patronPasswords = patronPasswords;
    this.sessions = sessions;
    this.queue = queue;
    this.recorder = recorder;
    this.clock = clock;
    this.zone = zone;
  }

  public Outcome checkout(CardId card, String patron, String item) {
    return transact(Kind.CHECKOUT, card, patron, item);
  }

  /** A return needs no card: books come back through the book drop, and staff scan the item only. */
  public Outcome checkin(String item) {
    return transact(Kind.CHECKIN, null, "", item);
  }

  /** Renews one of the patron's loans (29/30). Online only: a renewal is the library system's decision now. */
  public Outcome renew(String patron, String item) {
    try (Sip2Client sip2 = sessions.open()) {
      var r = sip2.renew(patron, item);
      return r.ok() ? new Outcome.Done(r.title(), r.dueDate()) : new Outcome.Refused(r.screenMessage());
    } catch (Sip2Exception e) {
      return new Outcome.Failed(e.getMessage());
    }
  }

  /** What the library system says of a patron number at registration. */
  public sealed interface PatronCheck {
    record Known() implements PatronCheck {}

    /** Not a valid patron, or (where the library uses patron passwords) not the right one. */
    record Unknown(String message) implements PatronCheck {}

    /** The library system cannot be asked now; the registration waits. */
    record Unreachable(String reason) implements PatronCheck {}

    /** A patron the library system knows, whose library password was not the right one. */
    record WrongPassword() implements PatronCheck {}
  }

  /** Whether the library gives patrons their own passwords, which the patron types at registration. */
  public boolean patronPasswords() {
    return patronPasswords;
  }

  /**
   * Patron Information (63) without a password: valid patron (BL). Where the library uses patron
   * passwords, this is the check before the patron types one ({@link #checkPassword}), so its CQ
   * (no password given) is not held against the patron.
   */
  public PatronCheck checkPatron(String patron) {
    return check(patron, new char[0]);
  }

  /** Patron Information (63) with the patron's library password (AD): valid patron (BL) and valid password (CQ). The caller wipes it. */
  public PatronCheck checkPassword(String patron, char[] password) {
    return check(patron, password);
  }

  private PatronCheck check(String patron, char[] password) {
    try (Sip2Client sip2 = sessions.open()) {
      var info = sip2.patronInformation(patron, password, Sip2Client.Details.NONE);
      boolean passwordAsked = password.length > 0;
      if (info.valid() && (info.accepted() || (patronPasswords && !passwordAsked))) return new PatronCheck.Known();
      if (info.valid() && passwordAsked) return new PatronCheck.WrongPassword();
      String why = !info.screenMessage().isBlank() ? info.screenMessage()
          : info.valid() ? "the library system wants the patron's library password (library.sip2.patronPasswords: true)"
          : "the library system does not know this patron number";
      return new PatronCheck.Unknown(why);
    } catch (Sip2Exception e) {
      return e.transientFailure() ? new PatronCheck.Unreachable(e.getMessage()) : new PatronCheck.Unknown(e.getMessage());
    }
  }

  /** A registration the library system could not check: kept until it can. */
  public long awaitCheck(CardId card, String patron, java.time.Instant notAfter) throws IOException {
    return queue.addRegistration(card.value(), patron, notAfter);
  }

  /** Registrations waiting for the library system, and those it refused until staff handle them. */
  public List<PendingTransactions.Registration> registrations() throws IOException {
    return queue.registrations();
  }

  /** Staff handled a refused registration (told the patron); false when there is none such. */
  public boolean registrationHandled(long id) throws IOException {
    for (var r : queue.registrations()) {
      if (r.id() == id && !r.refusal().isEmpty()) {
        queue.removeRegistration(id);
        return true;
      }
    }
    return false;
  }

  /** Records the link of a registration the library system has confirmed; false when it cannot now. */
  @FunctionalInterface
  public interface Confirm {
    boolean link(PendingTransactions.Registration r);
  }

  /**
   * Asks the library system about each waiting registration: a known patron is linked
   * ({@code confirm}), an unknown one kept with the reason for staff; stops while it is unreachable.
   * Runs with the queue's sending, never at the same time.
   */
  public synchronized int checkRegistrations(Confirm confirm) throws IOException {
    int checked = 0;
    for (var r : queue.registrations()) {
      if (!r.refusal().isEmpty()) continue;
      switch (checkPatron(r.patron())) {
        case PatronCheck.Known k -> {
          if (!confirm.link(r)) return checked;
          queue.removeRegistration(r.id());
        }
        case PatronCheck.Unknown u -> queue.refuseRegistration(r.id(), u.message());
        case PatronCheck.WrongPassword w -> queue.refuseRegistration(r.id(), "the library password was not the patron's");
        case PatronCheck.Unreachable u -> {
          return checked;
        }
      }
      checked++;
    }
    return checked;
  }

  /** A patron's loans and holds (item barcodes) from Patron Information (63), for the staff page. */
  public record PatronItems(List<String> loans, List<String> holds) {}

  /** @throws Sip2Exception when the library system cannot be asked */
  public PatronItems patronItems(String patron) throws Sip2Exception {
    try (Sip2Client sip2 = sessions.open()) {
      // One kind of detail per 63, as the specification allows.
      var loans = sip2.patronInformation(patron, "", Sip2Client.Details.CHARGED);
      var holds = sip2.patronInformation(patron, "", Sip2Client.Details.HOLDS);
      return new PatronItems(loans.items(), holds.items());
    }
  }

  private Outcome transact(Kind kind, CardId card, String patron, String item) {
    String date = Sip2Codec.date(clock.instant(), zone);
    try (Sip2Client sip2 = sessions.open()) {
      Sip2Client.AcsStatus status = sip2.scStatus();
      if (!status.online()) throw new Sip2Exception(Sip2Exception.Kind.UNREACHABLE, "library system says it is off line");
      if (kind == Kind.CHECKOUT ? !status.checkoutOk() : !status.checkinOk()) {
        return new Outcome.Refused(status.screenMessage().isEmpty() ? "the library system takes no " + (kind == Kind.CHECKOUT ? "checkouts" : "returns") + " now" : status.screenMessage());
      }
      return send(sip2, kind, patron, item, date, false);
    } catch (Sip2Exception e) {
      if (!e.transientFailure()) return new Outcome.Failed(e.getMessage());
      try {
        long id = queue.add(kind, card == null ? "" : card.value(), patron, item, date);
        log.info("library system unreachable; {} queued as #{}", kind.name().toLowerCase(), id);
        return new Outcome.Queued(id);
      } catch (IOException io) {
        return new Outcome.Failed("library system unreachable and the queue cannot store: " + io.getMessage());
      }
    }
  }

  private Outcome send(Sip2Client sip2, Kind kind, String patron, String item, String date, boolean offline) throws Sip2Exception {
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

  /** What the library system refused when it was sent later, until staff handle it. */
  public List<Pending> refused() throws IOException {
    return queue.refused();
  }

  /** Staff handled a refused one; false when there is no such refused transaction. */
  public boolean handled(long id) throws IOException {
    return queue.handled(id);
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
          Outcome o = send(sip2, p.kind(), p.patron(), p.item(), p.sip2Date(), true);
          if (o instanceof Outcome.Refused r) {
            // The book is out (or back) without the library system's record of it: staff must act, so
            // it stays on the staff page until they handle it, and the hub's work queue counts it.
            log.warn("queued {} #{} refused by the library system", p.kind(), p.id());
            queue.refuse(p.id(), r.message());
            record(new StaffAlert(p.kind() == Kind.CHECKOUT ? OFFLINE_LOAN_REFUSED : OFFLINE_RETURN_REFUSED, "#" + p.id(), "", 0));
          } else {
            queue.remove(p.id());
          }
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
