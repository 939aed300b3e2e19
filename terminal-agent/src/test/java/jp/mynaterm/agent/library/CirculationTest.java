package jp.mynaterm.agent.library;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mynaterm.agent.library.sip2.Sip2Client;
import jp.mynaterm.agent.library.sip2.sim.StrictSip2Server;
import jp.mynaterm.agent.usage.UsageRecorder;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.LibraryLoan;
import jp.mynaterm.protocol.event.LibraryReturn;
import jp.mynaterm.protocol.event.StaffAlert;
import jp.mynaterm.protocol.event.UsageEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loans at the counter, online and while the library system is down. */
class CirculationTest {
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  private static final CardId CARD = new CardId("GBEQN5U6FVVKY5FRNUQBPSCJVW");
  @TempDir Path dir;

  private StrictSip2Server library;
  private final AtomicInteger port = new AtomicInteger();
  private final List<UsageEvent> events = new ArrayList<>();
  private final UsageRecorder recorder = events::add;
  private PendingTransactions queue;
  private Clock clock = Clock.fixed(Instant.parse("2026-11-24T01:02:03Z"), ZoneOffset.UTC);

  @BeforeEach
  void start() throws Exception {
    library = new StrictSip2Server(StandardCharsets.UTF_8, "counter", "pw");
    library.validPatrons.put("P-7781", "");
    library.titles.put("9784000000001", "吾輩は猫である");
    port.set(library.port());
    queue = PendingTransactions.open(dir.resolve("library-queue.db"));
  }

  @AfterEach
  void stop() throws Exception {
    queue.close();
    library.close();
  }

  private Circulation circulation() {
    Circulation.Sip2Sessions sessions =
        () -> {
          Sip2Client c = Sip2Client.connect(new Sip2Client.Endpoint("127.0.0.1", port.get(), false, StandardCharsets.UTF_8, "mino", Duration.ofSeconds(2)), clock, JST);
          c.login("counter", "pw", "mino-library");
          return c;
        };
    return new Circulation(sessions, queue, recorder, clock, JST);
  }

  private void libraryGoesDown() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port.set(s.getLocalPort()); // a port nobody listens on once closed
    }
  }

  @Test
  void onlineLoanGoesStraightToTheLibrarySystemAndBecomesAnEvent() {
    var o = circulation().checkout(CARD, "P-7781", "9784000000001");
    assertEquals("吾輩は猫である", assertInstanceOf(Circulation.Outcome.Done.class, o).title());
    assertEquals(List.of(new LibraryLoan(false, true)), events, "a count for the hub: no card, patron or item");
  }

  @Test
  void aRefusedLoanIsShownToStaffAndIsNoEvent() {
    var o = circulation().checkout(CARD, "P-0000", "9784000000001");
    assertInstanceOf(Circulation.Outcome.Refused.class, o);
    assertEquals(List.of(), events);
  }

  @Test
  void offlineLoanIsQueuedDurablyAndSentLaterWithNoBlockAndItsOwnTime() throws Exception {
    libraryGoesDown();
    var o = circulation().checkout(CARD, "P-9999", "9784000000001");
    assertInstanceOf(Circulation.Outcome.Queued.class, o);
    assertEquals(List.of(), events, "nothing is counted before the library system has it");

    // the terminal restarts: the queue is still there
    queue.close();
    queue = PendingTransactions.open(dir.resolve("library-queue.db"));
    assertEquals(1, queue.list().size());
    assertEquals("20261124    100203", queue.list().get(0).sip2Date());

    clock = Clock.fixed(Instant.parse("2026-11-25T05:00:00Z"), ZoneOffset.UTC); // a day later
    port.set(library.port());
    assertEquals(1, circulation().drain());
    var sent = library.received.stream().filter(r -> r.command().equals("11")).findFirst().orElseThrow();
    assertEquals('Y', sent.fixed().charAt(1), "no-block flag");
    assertEquals("20261124    100203", sent.fixed().substring(2, 20), "the time it really happened");
    assertEquals(List.of(new LibraryLoan(true, true)), events);
    assertEquals(List.of(), queue.list());
    assertEquals(List.of(), library.violations);
  }

  @Test
  void drainKeepsTheQueueWhileTheLibrarySystemIsStillDown() throws Exception {
    libraryGoesDown();
    circulation().checkout(CARD, "P-7781", "9784000000001");
    circulation().checkin("9784000000001");
    assertEquals(0, circulation().drain());
    assertEquals(2, queue.list().size());
    port.set(library.port());
    assertEquals(2, circulation().drain());
    assertTrue(events.get(1) instanceof LibraryReturn r && r.offline() && r.accepted(), events.toString());
    var order = library.received.stream().map(StrictSip2Server.Received::command).filter(c -> !c.equals("93") && !c.equals("99")).toList();
    assertEquals(List.of("11", "09"), order, "sent in the order they happened");
  }

  @Test
  void sendNowDuringTheBackgroundSendSendsEachQueuedLoanOnce() throws Exception {
    libraryGoesDown();
    Circulation counter = circulation();
    for (int i = 0; i < 20; i++) counter.checkout(CARD, "P-7781", "9784000000001");
    port.set(library.port());
    var start = new java.util.concurrent.CountDownLatch(1);
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      java.util.concurrent.Callable<Integer> drain = () -> {
        start.await();
        return counter.drain();
      };
      var staff = pool.submit(drain); // "send now"
      var background = pool.submit(drain); // the minute's sender
      start.countDown();
      assertEquals(20, staff.get() + background.get());
    }
    assertEquals(20, library.received.stream().filter(r -> r.command().equals("11")).count(), "no loan sent twice");
    assertEquals(List.of(), queue.list());
  }

  @Test
  void theLibrarySystemsStatusDecidesWhenQueuedLoansGoAndOffLineMeansQueue() throws Exception {
    library.online = false;
    assertInstanceOf(Circulation.Outcome.Queued.class, circulation().checkout(CARD, "P-7781", "9784000000001"), "off line by its own status: queued");
    library.online = true;
    library.offlineOk = false;
    assertEquals(0, circulation().drain(), "it does not take transactions done offline now");
    assertEquals(1, queue.list().size());
    library.offlineOk = true;
    assertEquals(1, circulation().drain());
    assertTrue(library.received.stream().filter(r -> r.command().equals("11")).allMatch(r -> r.fixed().charAt(1) == 'Y'), "sent with no-block");
    var commands = library.received.stream().map(StrictSip2Server.Received::command).filter(c -> !c.equals("93")).toList();
    assertEquals(List.of("99", "99", "99", "11"), commands, "SC Status before every session's work");
  }

  @Test
  void anOfflineLoanTheLibrarySystemRefusesStaysForStaffWithItsReasonAndTheHubCountsIt() throws Exception {
    libraryGoesDown();
    circulation().checkout(CARD, "P-7781", "9784000000099"); // an item the library system does not know
    port.set(library.port());
    assertEquals(1, circulation().drain());
    assertEquals(List.of(), queue.list(), "nothing left to send");
    long id = circulation().refused().getFirst().id();
    assertEquals("資料が見つかりません", circulation().refused().getFirst().refusal(), "the library system's reason");
    assertEquals(List.of(new LibraryLoan(true, false), new StaffAlert(Circulation.OFFLINE_LOAN_REFUSED, "#" + id, "", 0)), events,
        "counts only for the hub: no item, no patron");

    queue.close(); // the terminal restarts: the refusal is still there for staff
    queue = PendingTransactions.open(dir.resolve("library-queue.db"));
    assertEquals(1, circulation().refused().size());
    assertEquals(0, circulation().drain(), "a refused loan is not sent again");
    assertTrue(circulation().handled(id));
    assertEquals(List.of(), circulation().refused());
  }

  @Test
  void aLibraryThatWantsPatronPasswordsIsNamedInTheRefusalWhenTheCounterIsNotSetForThem() {
    library.patronPasswords = true;
    library.validPatrons.put("P-7781", "kuma-3");
    var refused = assertInstanceOf(Circulation.PatronCheck.Unknown.class, circulation().checkPatron("P-7781"));
    assertTrue(refused.message().contains("library.sip2.patronPasswords"), refused.message());
  }

  @Test
  void aRegistrationMadeOfflineIsCheckedWithTheLibrarySystemWhenItIsBack() throws Exception {
    libraryGoesDown();
    Instant notAfter = Instant.parse("2031-01-01T00:00:00Z");
    assertInstanceOf(Circulation.PatronCheck.Unreachable.class, circulation().checkPatron("P-7781"));
    circulation().awaitCheck(CARD, "P-7781", notAfter);
    circulation().awaitCheck(new CardId("MFRGGZDFMZTWQ2LKNNWG23TPOA"), "P-0000", notAfter);
    List<String> linked = new ArrayList<>();
    assertEquals(0, circulation().checkRegistrations(r -> linked.add(r.patron())), "still unreachable: both wait");
    port.set(library.port());
    assertEquals(2, circulation().checkRegistrations(r -> linked.add(r.patron())));
    assertEquals(List.of("P-7781"), linked, "only the patron the library system knows is linked");
    var left = circulation().registrations();
    assertEquals(List.of("P-0000"), left.stream().map(PendingTransactions.Registration::patron).toList());
    assertEquals("利用者番号が見つかりません", left.getFirst().refusal());
    assertTrue(circulation().registrationHandled(left.getFirst().id()));
    assertEquals(List.of(), circulation().registrations());
    assertEquals(List.of(), library.violations);
  }

  @Test
  void aReturnNeedsNoCardAndARenewalIsTheLibrarySystemsCall() {
    circulation().checkout(CARD, "P-7781", "9784000000001");
    assertInstanceOf(Circulation.Outcome.Done.class, circulation().renew("P-7781", "9784000000001"));
    assertEquals(List.of("9784000000001"), assertDoesNotThrow(() -> circulation().patronItems("P-7781")).loans());
    assertInstanceOf(Circulation.Outcome.Done.class, circulation().checkin("9784000000001"), "the book drop: item only");
    assertInstanceOf(Circulation.Outcome.Refused.class, circulation().renew("P-7781", "9784000000001"), "no longer on loan");
  }
}
