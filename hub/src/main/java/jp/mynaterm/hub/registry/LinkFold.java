package jp.mynaterm.hub.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.AllowEntry;

/**
 * One service's registry in memory while link events are applied to it through {@link LinkRules},
 * and what changed against where it started: the allow-list delta to store and send.
 */
final class LinkFold {
  private final Map<CardId, AllowEntry> start = new HashMap<>();
  private final Map<CardId, AllowEntry> byCard = new HashMap<>();
  private final Map<String, AllowEntry> byMember = new HashMap<>();

  /** @param stored the registry as stored now (the delta is taken against it) */
  LinkFold(Collection<AllowEntry> stored, boolean fromEmpty) {
    for (AllowEntry e : stored) start.put(e.cardId(), e);
    if (!fromEmpty) stored.forEach(this::put);
  }

  /** Applies one link event; returns what staff should be told about it. */
  List<String> apply(UsageEvent event) {
    LinkRules.Decision d =
        switch (event) {
          case CardLinked l -> LinkRules.link(l, Optional.ofNullable(byCard.get(l.cardId())), Optional.ofNullable(byMember.get(l.member())));
          case CardUnlinked u -> LinkRules.unlink(u, Optional.ofNullable(byCard.get(u.cardId())));
          default -> throw new IllegalArgumentException("not a link event: " + event.getClass().getSimpleName());
        };
    d.removals().forEach(this::remove);
    d.upserts().forEach(this::put);
    return d.notices();
  }

  /**
   * Keeps the suspensions stored now: suspension is the service's decision, not an event, so a
   * registry replayed from its events would lose it.
   */
  void keepSuspensions() {
    for (AllowEntry stored : start.values()) {
      AllowEntry now = byMember.get(stored.member());
      if (now != null && now.status() != stored.status()) put(new AllowEntry(now.cardId(), now.member(), now.category(), stored.status()));
    }
  }

  List<AllowEntry> upserts() {
    List<AllowEntry> out = new ArrayList<>();
    for (AllowEntry e : byCard.values()) if (!e.equals(start.get(e.cardId()))) out.add(e);
    return out;
  }

  List<CardId> removals() {
    List<CardId> out = new ArrayList<>();
    for (CardId c : start.keySet()) if (!byCard.containsKey(c)) out.add(c);
    return out;
  }

  private void put(AllowEntry e) {
    AllowEntry before = byCard.put(e.cardId(), e);
    if (before != null && !before.member().equals(e.member())) byMember.remove(before.member(), before);
    AllowEntry memberBefore = byMember.put(e.member(), e);
    if (memberBefore != null && !memberBefore.cardId().equals(e.cardId())) byCard.remove(memberBefore.cardId(), memberBefore);
  }

  private void remove(CardId card) {
    AllowEntry before = byCard.remove(card);
    if (before != null) byMember.remove(before.member(), before);
  }
}
