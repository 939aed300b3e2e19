package jp.mynaterm.agent.hospital;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import jp.mynaterm.agent.counter.CounterPage;
import jp.mynaterm.agent.counter.PageClient;
import jp.mynaterm.agent.counter.PageGuard;
import jp.mynaterm.agent.counter.VirtualCounterCards;
import jp.mynaterm.protocol.staff.StaffRole;
import jp.mynaterm.agent.members.MemberIndex;
import jp.mynaterm.hardware.escpos.PaperWidth;
import jp.mynaterm.hardware.escpos.SlipFilePrinter;
import jp.mynaterm.hardware.print.FilePrinter;
import jp.mynaterm.protocol.event.HospitalCheckIn;
import jp.mynaterm.protocol.event.RefusalReason;
import jp.mynaterm.protocol.event.TapRefused;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reception page's API: tap + PIN → queue number and slip, or "please go to the counter". */
class ReceptionServerTest {
  @TempDir Path dir;
  private VirtualCounterCards cards;
  private final List<UsageEvent> events = new CopyOnWriteArrayList<>();
  private final MemberIndex patients = new MemberIndex();
  private ReceptionServer server;
  private PageClient page;
  /** The resident PIN page, on the patient's display. */
  private PageClient patient;

  @BeforeEach
  void start() throws Exception {
    cards = new VirtualCounterCards(dir);
    Reception reception = new Reception("美濃病院", patients, events::add, new SlipFilePrinter(new FilePrinter(dir.resolve("slips")), PaperWidth.ofMillimetres(80)),
        new QueueNumbers(dir.resolve("queue.json")), Clock.systemUTC(), ZoneId.of("Asia/Tokyo"));
    server = new ReceptionServer(cards.reader(), cards.authentication, reception, cards.signIn(StaffRole.HOSPITAL), "127.0.0.1", 0,
        new jp.mynaterm.config.HttpSettings("127.0.0.1", 0), false);
    page = new PageClient(server.port());
    patient = new PageClient(server.residentPort());
    page.signIn(VirtualCounterCards.STAFF, VirtualCounterCards.STAFF_PASSWORD);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The patient presses "check in", then types {@code pin} on the resident PIN page: the outcome. */
  private PageClient.Answer checkIn(String pin) throws Exception {
    return patient.typePin(page.post("/api/checkin", "{}"), pin);
  }

  private long slips() throws Exception {
    if (!Files.isDirectory(dir.resolve("slips"))) return 0;
    try (Stream<Path> files = Files.list(dir.resolve("slips"))) {
      return files.count();
    }
  }

  @Test
  void staffAreWarnedWhileTheTerminalsListsAreOldOrUnreadable() throws Exception {
    assertEquals(false, page.get("/api/lists").body().path("warn").asBoolean());
    server.listWarning(() -> java.util.Optional.of("revocation 4d old (more than 3d)"));
    PageClient.Answer answer = page.get("/api/lists");
    assertEquals(true, answer.body().path("warn").asBoolean());
    assertEquals("revocation 4d old (more than 3d)", answer.body().path("state").asText());
    assertEquals(401, new PageClient(server.port()).get("/api/lists").status(), "signed-in staff only, like the rest of the page's API");
  }

  @Test
  void unknownCardGoesToTheCounterThenAPatientGetsANumberAndTheSameOneAgainOnASecondTap() throws Exception {
    cards.put(0);
    assertEquals("checkin.counter.unknown", checkIn("1234").key());
    assertEquals(0, slips());
    var refused = assertInstanceOf(TapRefused.class, events.getFirst());

    patients.replace(List.of(new AllowEntry(refused.cardId(), "H-000123", "", MemberStatus.ACTIVE)), 1);
    var first = checkIn("1234");
    var second = checkIn("1234");
    assertEquals("checkin.done", first.key());
    assertEquals("checkin.again", second.key(), "the same card on the same day is a reprint, not a second place in the queue");
    assertEquals(first.body().path("number").asInt(), second.body().path("number").asInt());
    assertEquals(2, slips());
    assertEquals(1, events.stream().filter(HospitalCheckIn.class::isInstance).count(), "one visit for the hub, with no patient number");
  }

  @Test
  void crossSiteOrSignedOutCheckInsAreRefusedAndSpendNoPinTry() throws Exception {
    cards.put(0);
    String body = "{}";
    int before = checkIn("9999").body().path("args").get(0).asInt();
    assertEquals(403, page.send("POST", "/api/checkin", body, Map.of("Content-Type", "text/plain", "Origin", "http://evil.example")).status());
    assertEquals(415, page.send("POST", "/api/checkin", body, Map.of("Content-Type", "text/plain", PageGuard.TOKEN_HEADER, page.token())).status());
    assertEquals(403, page.send("POST", "/api/checkin", body, Map.of("Content-Type", "application/json")).status(), "no token");
    PageClient signedOut = new PageClient(server.port());
    assertEquals(401, signedOut.post("/api/checkin", body).status());
    assertEquals(before - 1, checkIn("9999").body().path("args").get(0).asInt(), "only the page's own attempts spent tries");
    assertTrue(events.isEmpty());
  }

  @Test
  void everyRefusalTheReceptionGivesHasItsWordsInJapaneseAndEnglish() {
    for (String language : List.of("ja", "en")) {
      Map<String, String> words = CounterPage.messages("/jp/mynaterm/agent/hospital/web", language);
      for (RefusalReason r : List.of(RefusalReason.UNKNOWN, RefusalReason.SUSPENDED)) {
        assertTrue(words.containsKey(ReceptionServer.counterKey(r)), language + ": " + ReceptionServer.counterKey(r));
      }
    }
  }

  @Test
  void wrongPinAndNoCardAreSaidAndNothingIsRecorded() throws Exception {
    assertEquals("card.none", checkIn("1234").key());
    cards.put(1);
    var wrong = checkIn("0000");
    assertEquals("card.wrongPin", wrong.key());
    assertTrue(wrong.body().path("args").get(0).asInt() > 0);
    assertEquals(400, checkIn("12a4").status());
    patient.post("/api/pin/cancel", "{}");
    assertEquals(400, page.post("/api/checkin", "{\"pin\":\"1234\"}").status(), "the reception page takes no PIN");
    assertTrue(events.isEmpty());
    assertEquals(0, slips());
  }
}
