package jp.mynaterm.hub.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;

/**
 * What linking and unlinking do to a service's registry. The rule, in each service:
 *
 * <ul>
 *   <li>One member per card and one card per member. The newer link wins.
 *   <li>The same card linked again to the same member changes nothing but its class (idempotent:
 *       a link synced twice is one link).
 *   <li>A card linked to another member moves to that member; the earlier member loses the card.
 *       Staff are shown it: a card changing hands is unusual (a family mix-up, or a mistake).
 *   <li>A member linked with another card keeps only the new one: the usual case after a
 *       certificate renewal or a reissued card, since the CardId changes with the certificate.
 *       Staff are shown it too.
 *   <li>An unlink ends the link only if card and member still match; a stale unlink changes nothing.
 * </ul>
 *
 * A suspended member stays suspended when re-linked: suspension is the service's decision, not the
 * card's.
 */
public final class LinkRules {
  // Library and hospital members arrive sealed: notices name them without their text.
  private static String shown(String member) {
    return CardLinked.shown(member);
  }

  private LinkRules() {}

  /** The change to apply to the registry and the allow-list, and what staff should be told. */
  public record Decision(List<AllowEntry> upserts, List<CardId> removals, List<String> notices) {
    public Decision {
      upserts = List.copyOf(upserts);
      removals = List.copyOf(removals);
      notices = List.copyOf(notices);
    }

    public boolean changesNothing() {
      return upserts.isEmpty() && removals.isEmpty();
    }
  }

  /**
   * @param byCard the service's current entry for the event's card, if any
   * @param byMember the service's current entry for the event's member, if any
   */
  public static Decision link(CardLinked e, Optional<AllowEntry> byCard, Optional<AllowEntry> byMember) {
    List<AllowEntry> upserts = new ArrayList<>();
    List<CardId> removals = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    MemberStatus status = byMember.map(AllowEntry::status).orElse(MemberStatus.ACTIVE);
    AllowEntry next = new AllowEntry(e.cardId(), e.member(), e.category(), status);
    if (byCard.isPresent() && !byCard.get().member().equals(e.member())) {
      notices.add("card moved from member " + shown(byCard.get().member()) + " to member " + shown(e.member()) + " in " + e.service());
    }
    if (byMember.isPresent() && !byMember.get().cardId().equals(e.cardId())) {
      removals.add(byMember.get().cardId());
      notices.add("member " + shown(e.member()) + " now uses a new card in " + e.service() + " (renewed or reissued)");
    }
    if (byCard.isEmpty() || !byCard.get().equals(next)) upserts.add(next);
    return new Decision(upserts, removals, notices);
  }

  public static Decision unlink(CardUnlinked e, Optional<AllowEntry> byCard) {
    if (byCard.isPresent() && byCard.get().member().equals(e.member())) {
      return new Decision(List.of(), List.of(e.cardId()), List.of());
    }
    return new Decision(List.of(), List.of(), List.of("unlink of member " + shown(e.member()) + " in " + e.service() + " ignored: the card is no longer theirs"));
  }
}
