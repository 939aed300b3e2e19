package jp.mynaterm.hub.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.x500.X500Principal;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.AllowListDelta;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.time.Stamp;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.LongStream;

/**
 * Link events from two counters reach the hub in any order and in any batches; the registry (and the
 * terminals' copy, built from the deltas) is the one the events give in the order the counters made
 * them ({@link LinkOrder}).
 */
class RegistryOrderTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2031-01-01T00:00:00Z");
  private static final List<CardId> CARDS = List.of(card(1), card(2), card(3));
  private static final AtomicInteger RUN = new AtomicInteger();

  private static Path dir;
  private static Database db;
  private static ListRepository lists;
  private static Registry registry;

  /** One change at a counter: which counter, link or unlink, which card and member, when by its clock. */
  record Change(int counter, boolean link, int card, int member, int category, int second) {}

  @BeforeAll
  static void open() throws Exception {
    dir = Files.createTempDirectory("registry-order");
    db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null));
    lists = new ListRepository(db);
    var downlink = new Downlink(db, new Topics("212075"), new MessageFactory("212075", "hub-1", TerminalClock.system()), new MessageCodec());
    registry = new Registry(db, downlink);
  }

  @AfterAll
  static void close() throws IOException {
    db.close();
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  /** 80 seeded runs; a failing seed is in the test's name, so it can be run again alone. */
  static LongStream seeds() {
    return LongStream.rangeClosed(1, 80);
  }

  /** 1 to 12 changes from two counters on three cards, within a few seconds so that they often share one. */
  static List<Change> changes(Random random) {
    List<Change> out = new ArrayList<>();
    int n = 1 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      out.add(new Change(random.nextInt(2), random.nextInt(3) != 2, random.nextInt(CARDS.size()), random.nextInt(3), random.nextInt(2), random.nextInt(6)));
    }
    return out;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyArrivalOrderGivesTheRegistryOfTheCountersOrder(long seed) throws Exception {
    Random random = new Random(seed);
    List<Change> changes = changes(random);
    int run = RUN.incrementAndGet();
    String inOrder = "ordered-" + run;
    String shuffled = "shuffled-" + run;

    List<EventRow> made = rows(changes, inOrder, "o" + run);
    made.sort(Comparator.comparing(r -> new LinkOrder(r.record().time().wall(), r.terminal(), r.record().seq())));
    for (EventRow r : made) {
      arrive(List.of(r));
      registry.applyPending();
    }

    List<EventRow> arriving = rows(changes, shuffled, "s" + run);
    java.util.Collections.shuffle(arriving, random);
    for (int from = 0; from < arriving.size(); ) {
      int to = from + 1 + random.nextInt(3);
      arrive(arriving.subList(from, Math.min(to, arriving.size())));
      registry.applyPending();
      from = to;
    }

    List<AllowEntry> expected = lists.allowEntries(inOrder);
    assertEquals(expected, lists.allowEntries(shuffled));
    assertEquals(expected, fromDeltas(shuffled), "the terminals' copy, built from the deltas they are sent");
  }

  @Test
  void aLinkArrivingAfterALaterUnlinkDoesNotLinkTheCardAgain() throws Exception {
    String service = "late-" + RUN.incrementAndGet();
    EventRow link = row(service + "-a", 1, T0, new CardLinked(service, CARDS.get(0), "M-1", "", EXPIRES));
    EventRow unlink = row(service + "-b", 1, T0.plusSeconds(60), new CardUnlinked(service, CARDS.get(0), "M-1", "lost"));
    arrive(List.of(unlink));
    registry.applyPending();
    arrive(List.of(link));
    assertEquals(1, registry.applyPending());
    assertEquals(List.of(), lists.allowEntries(service));
    assertEquals(List.of(), fromDeltas(service));
  }

  @Test
  void twoCountersLinkingOneCardToDifferentMembersTheLaterByTheirClocksWins() throws Exception {
    String service = "race-" + RUN.incrementAndGet();
    EventRow later = row(service + "-a", 1, T0.plusSeconds(5), new CardLinked(service, CARDS.get(0), "M-2", "", EXPIRES));
    EventRow earlier = row(service + "-b", 1, T0, new CardLinked(service, CARDS.get(0), "M-1", "", EXPIRES));
    arrive(List.of(later));
    registry.applyPending();
    arrive(List.of(earlier));
    registry.applyPending();
    assertEquals("M-2", lists.allowEntry(service, CARDS.get(0)).orElseThrow().member());
  }

  private static List<EventRow> rows(List<Change> changes, String service, String counterPrefix) {
    Map<Integer, Long> seqs = new HashMap<>();
    List<EventRow> out = new ArrayList<>();
    for (Change c : changes) {
      long seq = seqs.merge(c.counter(), 1L, Long::sum);
      CardId card = CARDS.get(c.card());
      String member = "M-" + c.member();
      UsageEvent e = c.link() ? new CardLinked(service, card, member, c.category() == 0 ? "adult" : "senior", EXPIRES) : new CardUnlinked(service, card, member, "requested");
      out.add(row(counterPrefix + "-" + (char) ('a' + c.counter()), seq, T0.plusSeconds(c.second()), e));
    }
    return out;
  }

  private static EventRow row(String terminal, long seq, Instant wall, UsageEvent e) {
    return new EventRow(terminal, new EventRecord(seq, new Stamp(wall, "boot-" + terminal, seq, true), e));
  }

  private static void arrive(List<EventRow> rows) throws Exception {
    new EventRepository(db).store(rows);
  }

  /** The allow-list a terminal holds after applying every delta the hub made, in version order. */
  private static List<AllowEntry> fromDeltas(String service) throws Exception {
    Map<String, AllowEntry> held = new TreeMap<>();
    for (String payload : lists.deltasAfter(ListName.allow(service).wire(), 0)) {
      AllowListDelta d = MessageCodec.read(payload, AllowListDelta.class);
      for (AllowEntry e : d.upserts()) held.put(e.cardId().value(), e);
      for (CardId c : d.removals()) held.remove(c.value());
    }
    return new ArrayList<>(held.values());
  }

  private static CardId card(int n) {
    return CardIds.development().derive(new X500Principal("CN=CA"), BigInteger.valueOf(n));
  }
}
