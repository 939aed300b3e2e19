package jp.mynaterm.agent.members;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.message.AllowEntry;

/**
 * A service's allow-list in memory, for decisions in microseconds while offline: CardId → member.
 * It is rebuilt from the durable copy the terminal keeps whenever a snapshot or delta is applied, and
 * swapped in whole, so a tap never sees half a list.
 */
public final class MemberIndex {
  private volatile Map<CardId, AllowEntry> byCard = Map.of();
  private volatile long version;

  /** Replaces the whole index (after a snapshot or delta was applied to the durable copy). */
  public void replace(Collection<AllowEntry> entries, long newVersion) {
    Map<CardId, AllowEntry> next = HashMap.newHashMap(entries.size());
    for (AllowEntry e : entries) next.put(e.cardId(), e);
    byCard = Map.copyOf(next);
    version = newVersion;
  }

  public Optional<AllowEntry> find(CardId card) {
    return Optional.ofNullable(byCard.get(card));
  }

  public int size() {
    return byCard.size();
  }

  public long version() {
    return version;
  }
}
