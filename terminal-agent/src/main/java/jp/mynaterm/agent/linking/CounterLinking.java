package jp.mynaterm.agent.linking;

import jp.mynaterm.agent.members.MemberSeal;
import jp.mynaterm.agent.usage.UsageRecorder;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.pinpad.PinEntry;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardVerdict;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;

/**
 * Links a card to a service membership at an attended counter (library, hospital, city hall for the
 * taxi): card + PIN (typed by the resident on the resident PIN page or the reader's pad, never on the
 * staff's page; the card held exclusively from the tries-left read to its release), the holder proven present by a signature over a fresh challenge verified here,
 * against the trusted CA and the local revocation list, so it works offline; then a
 * {@code CardLinked} event, which the hub turns into the service's allow-list. Staff type the member
 * number from their own system; no name or address is involved. Where the hub must not read the
 * member number (library, hospital) it goes sealed ({@link MemberSeal}).
 */
public final class CounterLinking {
  /** What linking came to, for the staff screen. */
  public sealed interface Outcome {
    record Linked(CardId cardId) implements Outcome {}

    /** @param problem the card's own account: wrong PIN with tries left, blocked PIN, removed, … */
    record CardFailed(CardProblem problem) implements Outcome {}

    /** @param verdict untrusted, expired, revoked, bad signature: the card cannot be linked */
    record Rejected(CardVerdict verdict) implements Outcome {
      public String reason() {
        return verdict.describe();
      }
    }

    /**
     * The holder is proven present but nothing is recorded yet ({@link #prove}): the service checks
     * the member first (the library asks its own system whether the patron exists).
     */
    record Proven(CardId cardId, java.time.Instant notAfter) implements Outcome {}

    /** The link could not be recorded (outbox full): nothing was linked. */
    record NotRecorded(String reason) implements Outcome {}
  }

  private final String service;
  private final HolderAuthentication authentication;
  private final UsageRecorder recorder;
  private final MemberSeal seal;

  /** A service whose member numbers the hub may read (taxi riders, residents at the kiosk). */
  public CounterLinking(String service, HolderAuthentication authentication, UsageRecorder recorder) {
    this(service, authentication, recorder, MemberSeal.NONE);
  }

  /** @param seal seals member numbers the hub must not read (library patrons, hospital patients) */
  public CounterLinking(String service, HolderAuthentication authentication, UsageRecorder recorder, MemberSeal seal) {
    this.service = service;
    this.authentication = authentication;
    this.recorder = recorder;
    this.seal = seal;
  }

  /** {@link #link(MyNumberCard, PinEntry, String, String)} with digits typed on the resident's side (wiped here). */
  public Outcome link(MyNumberCard card, char[] pin, String member, String category) {
    return link(card, new PinEntry.Typed(pin), member, category);
  }

  /**
   * @param pin typed on the resident's side (wiped here) or on the reader's pad
   * @param member the member number in the service's own system (patron, patient, rider number)
   * @param category the fare or service class, empty where the service has none
   */
  public Outcome link(MyNumberCard card, PinEntry pin, String member, String category) {
    return switch (prove(card, pin)) {
      case Outcome.Proven p -> record(p, member, category);
      case Outcome other -> other;
    };
  }

  /** Card + PIN + signature as {@link #link} does, recording nothing: {@link Outcome.Proven} when it holds. */
  public Outcome prove(MyNumberCard card, PinEntry pin) {
    try {
      return switch (authentication.authenticate(card, pin)) {
        case HolderAuthentication.Outcome.CardFailed f -> new Outcome.CardFailed(f.problem());
        case HolderAuthentication.Outcome.Rejected r -> new Outcome.Rejected(r.verdict());
        case HolderAuthentication.Outcome.Authenticated a -> new Outcome.Proven(a.cardId(), a.notAfter());
      };
    } finally {
      if (pin instanceof PinEntry.Typed t) t.wipe();
    }
  }

  /** Records the link of a card proven earlier ({@link #prove}), now or once the member was confirmed. */
  public Outcome record(Outcome.Proven proven, String member, String category) {
    try {
      recorder.record(new CardLinked(service, proven.cardId(), seal.seal(service, member), category, proven.notAfter()));
      return new Outcome.Linked(proven.cardId());
    } catch (UsageRecorder.RecorderFull e) {
      return new Outcome.NotRecorded(e.getMessage());
    }
  }

  /** Ends a link; the card need not be present (a lost card is unlinked from the member's record). */
  public Outcome unlink(CardId card, String member, String reason) {
    try {
      recorder.record(new CardUnlinked(service, card, seal.seal(service, member), reason));
      return new Outcome.Linked(card);
    } catch (UsageRecorder.RecorderFull e) {
      return new Outcome.NotRecorded(e.getMessage());
    }
  }
}
