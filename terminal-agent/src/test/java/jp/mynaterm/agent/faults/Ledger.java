package jp.mynaterm.agent.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.StoredEvent;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.event.UsageEvent;

/**
 * What terminals said OK for, judged against what the hub stored by event id and content, never by
 * the storage key: each event carries its own id (the ride's shift field), so an event stored under
 * another key, stored twice, or stored with other content is counted however the key is made.
 */
public final class Ledger {
  private static final String TYPE = EventTypes.of(ride("x"));

  /** Event id → its content as the terminal committed it. */
  private final Map<String, String> committed = new ConcurrentHashMap<>();

  /** A ride whose shift field is its unique id. */
  public static RideBoarded ride(String id) {
    return new RideBoarded(new CardId("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "noriai-1", id, "adult", 300, null, false);
  }

  public static String id(UsageEvent event) {
    return ((RideBoarded) event).shift();
  }

  /** The terminal said OK for this event. */
  public void committed(UsageEvent event) {
    committed.put(id(event), MessageCodec.write(event));
  }

  /** The terminal said OK for the ride with this id (reported by a terminal in another process). */
  public void committed(String id) {
    committed(ride(id));
  }

  public int size() {
    return committed.size();
  }

  /** How the hub's store compares with what was committed. */
  public record Verdict(int committed, int stored, int lost, int duplicated, int altered) {
    public boolean exact() {
      return lost == 0 && duplicated == 0 && altered == 0;
    }
  }

  /** Compares every ride stored for {@code terminals} with what was committed. */
  public Verdict check(Hub hub, String... terminals) {
    return check(hub.events(), terminals);
  }

  /** As {@link #check(Hub, String...)}, reading the store of hubs running in other processes. */
  public Verdict check(EventRepository events, String... terminals) {
    Map<String, Integer> times = new HashMap<>();
    int stored = 0;
    int altered = 0;
    for (String terminal : terminals) {
      for (StoredEvent e : stored(events, terminal)) {
        stored++;
        String id = id(e.record().event());
        times.merge(id, 1, Integer::sum);
        String content = committed.get(id);
        if (content != null && !content.equals(MessageCodec.write(e.record().event()))) altered++;
      }
    }
    int lost = 0;
    for (String id : committed.keySet()) if (!times.containsKey(id)) lost++;
    int duplicated = 0;
    for (int n : times.values()) duplicated += n - 1;
    return new Verdict(committed.size(), stored, lost, duplicated, altered);
  }

  /** A terminal's stored rides in its sequence order. */
  public static List<StoredEvent> stored(Hub hub, String terminal) {
    return stored(hub.events(), terminal);
  }

  private static List<StoredEvent> stored(EventRepository events, String terminal) {
    try {
      return events.after(terminal, 0, List.of(TYPE), Integer.MAX_VALUE);
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
