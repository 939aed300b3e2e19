package jp.mynaterm.agent.library;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mynaterm.agent.counter.PageClient;
import jp.mynaterm.agent.counter.VirtualCounterCards;
import jp.mynaterm.agent.library.sip2.Sip2Client;
import jp.mynaterm.agent.library.sip2.sim.StrictSip2Server;
import jp.mynaterm.agent.linking.CounterLinking;
import jp.mynaterm.agent.members.MemberIndex;
import jp.mynaterm.agent.members.MemberSeal;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * A library counter for tests: the staff page over an in-process virtual card reader, a strict SIP2
 * library system that can be taken down and brought back, and the events the counter records.
 */
final class LibraryCounterRig implements AutoCloseable {
  static final ZoneId JST = ZoneId.of("Asia/Tokyo");

  final VirtualCounterCards cards;
  final List<UsageEvent> events = new CopyOnWriteArrayList<>();
  final MemberIndex patrons = new MemberIndex();
  /** The library's member key, as every library terminal has it (the hub never). */
  final MemberSeal seal = MemberSeal.withKey("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
  final StrictSip2Server library;
  private final AtomicInteger libraryPort = new AtomicInteger();
  private final PendingTransactions queue;
  final StaffServer server;
  /** The staff page's API as the page uses it; {@link #signIn} first for anything but the words. */
  final PageClient page;
  /** The resident PIN page, as the patron's display uses it. */
  final PageClient resident;

  LibraryCounterRig(Path dir, boolean withLibrarySystem) throws IOException {
    this(dir, dir.resolve("pki"), withLibrarySystem);
  }

  /** @param pkiDir the test PKI's keys, shared by a test class ({@link VirtualCounterCards#VirtualCounterCards(Path, Path)}) */
  LibraryCounterRig(Path dir, Path pkiDir, boolean withLibrarySystem) throws IOException {
    this(dir, pkiDir, withLibrarySystem, false);
  }

  /** @param patronPasswords whether the library gives patrons their own passwords (the library system checks them too) */
  LibraryCounterRig(Path dir, Path pkiDir, boolean withLibrarySystem, boolean patronPasswords) throws IOException {
    cards = new VirtualCounterCards(dir, pkiDir);
    library = new StrictSip2Server(StandardCharsets.UTF_8, "counter", "pw");
    library.patronPasswords = patronPasswords;
    library.validPatrons.put("P-7781", patronPasswords ? "kuma-3" : "");
    library.validPatrons.put("P-1000", "");
    library.titles.put("9784000000001", "吾輩は猫である");
    library.titles.put("9784000000002", "坊っちゃん");
    libraryPort.set(library.port());
    queue = PendingTransactions.open(dir.resolve("library-queue.db"));
    Circulation.Sip2Sessions sessions = () -> {
      Sip2Client c = Sip2Client.connect(
          new Sip2Client.Endpoint("127.0.0.1", libraryPort.get(), false, StandardCharsets.UTF_8, "mino", Duration.ofSeconds(2)), Clock.systemUTC(), JST);
      c.login("counter", "pw", "mino-library");
      return c;
    };
    Optional<Circulation> circulation =
        withLibrarySystem ? Optional.of(new Circulation(sessions, queue, events::add, Clock.systemUTC(), JST, patronPasswords)) : Optional.empty();
    server = new StaffServer(
        new StaffServer.Counter(cards.reader(), cards.authentication, new CounterLinking("library", cards.authentication, events::add, seal), patrons, circulation),
        cards.signIn(StaffRole.LIBRARY), "127.0.0.1", 0, new jp.mynaterm.config.HttpSettings("127.0.0.1", 0), Duration.ofHours(1), false);
    page = new PageClient(server.port());
    resident = new PageClient(server.residentPort());
  }

  VirtualMyNumberCard put(int resident) throws IOException {
    return cards.put(resident);
  }

  void libraryDown() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      libraryPort.set(s.getLocalPort()); // nobody listens there once it is closed
    }
  }

  void libraryBack() {
    libraryPort.set(library.port());
  }

  String url() {
    return "http://127.0.0.1:" + server.port() + "/";
  }

  PageClient.Answer signIn() throws IOException, InterruptedException {
    return page.signIn(VirtualCounterCards.STAFF, VirtualCounterCards.STAFF_PASSWORD);
  }

  PageClient.Answer post(String path, String json) throws IOException, InterruptedException {
    return page.post(path, json);
  }

  /** Staff register the card for {@code patron}; the patron types {@code pin} on the resident page: the outcome. */
  PageClient.Answer register(String patron, String pin) throws IOException, InterruptedException {
    return resident.typePin(post("/api/register", "{\"patron\":\"" + patron + "\"}"), pin);
  }

  PageClient.Answer get(String path) throws IOException, InterruptedException {
    return page.get(path);
  }

  @Override
  public void close() throws IOException {
    server.close();
    queue.close();
    library.close();
  }
}
