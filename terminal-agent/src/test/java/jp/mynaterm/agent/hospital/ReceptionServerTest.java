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
import jp.mynaterm.agent.speech.SpeechSynthesizer;
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
  /** One test PKI for the class: its keys are made once. */
  @TempDir static Path pki;
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
    cards = new VirtualCounterCards(dir, pki);
    Reception reception = new Reception("美濃病院", patients, events::add, new SlipFilePrinter(new FilePrinter(dir.resolve("slips")), PaperWidth.ofMillimetres(80)),
        new QueueNumbers(dir.resolve("queue.json")), Clock.systemUTC(), ZoneId.of("Asia/Tokyo"));
    server = new ReceptionServer(cards.reader(), cards.authentication, reception, cards.signIn(StaffRole.HOSPITAL), "127.0.0.1", 0,
        new jp.mynaterm.config.HttpSettings("127.0.0.1", 0), false,
        // eSpeak NG speaks the languages but Japanese; Open JTalk's voice is not given here
        java.util.Optional.of(new SpeechSynthesizer(dir.resolve("speech"), Path.of("/none"), Path.of("/none"))));
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

  @Test
  void thePatientChecksInOnTheirOwnPageInTheirLanguageAndHearsTheNumber() throws Exception {
    cards.put(0);
    assertEquals(ReceptionServer.LANGUAGES, JSON_LIST(patient.get("/api/page").body().path("languages")));
    var words = patient.get("/api/messages?lang=vi").body();
    assertEquals("Tiếp nhận", words.path("patient.start").asText());

    var refused = patient.post("/api/start", "{}");
    assertEquals("pin.waiting", refused.key(), "the patient's own button asks for the PIN on the patient's page");
    assertEquals("checkin.counter.unknown", patient.post("/api/pin", "{\"pin\":\"1234\"}").key());
    var tapped = assertInstanceOf(TapRefused.class, events.getFirst());
    patients.replace(List.of(new AllowEntry(tapped.cardId(), "H-000123", "", MemberStatus.ACTIVE)), 1);
    patient.post("/api/start", "{}");
    var done = patient.post("/api/pin", "{\"pin\":\"1234\"}");
    assertEquals("checkin.done", done.key());
    assertEquals(done.body().path("number").asInt(), page.get("/api/pin").body().path("number").asInt(), "staff see the same outcome on their page");

    var spoken = patient.getBytes("/api/speech?lang=vi&say=checkin.done%7C" + done.body().path("number").asInt());
    assertEquals(200, spoken.statusCode());
    assertEquals("audio/wav", spoken.headers().firstValue("Content-Type").orElse(""));
    assertEquals("RIFF", new String(spoken.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(400, patient.getBytes("/api/speech?lang=en&say=anything.else").statusCode(), "only the page's own sentences are spoken");
    assertEquals(400, patient.getBytes("/api/speech?lang=en&say=checkin.done%7Cone%20two").statusCode(), "and only plain arguments");
  }

  @Test
  void everyLanguageOfThePatientPageHasEveryWordThePatientSees() throws Exception {
    // ja-easy's bundle is a whole language: every word the patient page shows.
    var all = new java.util.Properties();
    try (var in = getClass().getResourceAsStream(ReceptionServer.PATIENT + "/i18n/ja-easy.properties")) {
      all.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    for (String language : ReceptionServer.LANGUAGES) {
      Map<String, String> words = CounterPage.messages("/jp/mynaterm/agent/hospital/web", ReceptionServer.PATIENT, language);
      for (String key : all.stringPropertyNames()) {
        assertTrue(words.containsKey(key) && !words.get(key).isBlank(), language + " lacks " + key);
        assertEquals(all.getProperty(key).contains("{0}"), words.get(key).contains("{0}"), language + " " + key + ": the same placeholder");
      }
    }
  }

  private static List<String> JSON_LIST(com.fasterxml.jackson.databind.JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
