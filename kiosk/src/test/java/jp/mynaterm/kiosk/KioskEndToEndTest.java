package jp.mynaterm.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.mynaterm.agent.linking.CounterLinking;
import jp.mynaterm.testsupport.HeadlessChromium;
import jp.mynaterm.agent.usage.AgentRecorder;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.KioskConfig;
import jp.mynaterm.hardware.Peripherals;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.virtual.InProcessCard;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.hardware.payment.SimulatedPaymentTerminal;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.pki.PkiFixtures;
import jp.mynaterm.hub.issuance.IssuanceService;
import jp.mynaterm.hub.issuance.OpenHoursClock;
import jp.mynaterm.hub.issuance.QueuedRequests;
import jp.mynaterm.hub.issuance.ResidentRegisterCsv;
import jp.mynaterm.kiosk.i18n.Messages;
import jp.mynaterm.kiosk.web.KioskPage;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.IssueRequestQueued;
import jp.mynaterm.protocol.event.PaymentTaken;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The kiosk through the whole real stack, as a resident meets it: the page in headless Chromium, the
 * virtual card in pcscd's second vpcd reader read over javax.smartcardio, the hub with its embedded
 * MQTT 5 broker and the demo's resident register, the payment simulator, and the file printer whose
 * PDFs are read back with pdftotext. The hub runs on a clock moved to a weekday morning, so the
 * city's opening hours do not decide whether this test passes at night.
 */
class KioskEndToEndTest {
  private static final String PIN = "1234";
  private static final String KIOSK = "kiosk-e2e";
  private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));

  @TempDir static Path dir;
  private static VirtualCardPki pki;
  private static Path hubConfigFile;
  private static Hub hub;
  private static Peripherals peripherals;
  private static KioskTerminal kiosk;
  private static HeadlessChromium chromium;
  private static KioskPage page;
  private static Path prints;
  private VirtualCardInPcscd card;

  @BeforeAll
  static void startEverything() throws Exception {
    PcscDaemon.Availability pcscd = PcscDaemon.ensureRunning(Duration.ofSeconds(15));
    if (pcscd instanceof PcscDaemon.Availability.Unavailable u) throw RealComponent.PCSCD.missing(u.reason());
    pki = VirtualCardPki.openOrCreate(dir.resolve("cards"));
    int broker = freePort();
    hubConfigFile = write("hub.yaml", """
        role: hub
        development: true
        municipality: "212075"
        hub: {id: hub-e2e, dataDir: "%s"}
        broker: {embedded: true, host: 127.0.0.1, port: %d}
        storage: {url: "jdbc:sqlite:%s"}
        http: {host: 127.0.0.1, port: %d}
        issuance:
          trustAnchors: "%s"
          residents: "%s"
          taxRecords: "%s"
        """.formatted(dir.resolve("hub"), broker, dir.resolve("hub.db"), freePort(), pki.trustAnchorsFile(),
            ROOT.resolve("config/examples/residents.csv"), ROOT.resolve("config/examples/tax-records.csv")));
    startHub();
    prints = dir.resolve("prints");
    Path kioskConfig = write("kiosk.yaml", """
        role: kiosk
        development: true          # the virtual cards' test CA and the development CardId key
        municipality: "212075"
        terminal: {id: %s, dataDir: "%s"}
        mqtt: {url: "ssl://127.0.0.1:%d", reconnectMax: 2s}
        card: {reader: "%s", trustAnchors: "%s"}
        kiosk:
          ui: {host: 127.0.0.1, port: 0}
          issuingKey: "%s"
          hubTimeout: 5s
          payment: "simulator:%s"
        peripherals:
          printer: {queue: "dir:%s"}
        """.formatted(KIOSK, dir.resolve("kiosk"), broker, PcscDaemon.VPCD_SECOND_READER, pki.trustAnchorsFile(),
            dir.resolve("hub/issuing-key.pub"), dir.resolve("payments.json"), prints));
    KioskConfig config = new ConfigLoader().load(kioskConfig, KioskConfig.class);
    PkiFixtures.terminal(new ConfigLoader().load(hubConfigFile, HubConfig.class), KIOSK, Role.KIOSK, config.terminal().dataPath());
    peripherals = Peripherals.open(config.peripherals(), dir);
    TrustAnchors anchors = TrustAnchors.load(pki.trustAnchorsFile());
    // The installation root as home: speech finds the voice ./mynaterm test installed there.
    kiosk = KioskTerminal.start(config, "kiosk.yaml", ROOT, "test", anchors, peripherals, Clock.systemUTC());
    kiosk.watchReader();
    linkResidentsAtTheCounter(anchors);
    chromium = HeadlessChromium.start(1080, 1920);
    page = new KioskPage(chromium);
  }

  private static void startHub() {
    HubConfig config = new ConfigLoader().load(hubConfigFile, HubConfig.class);
    PkiFixtures.hub(config);
    hub = Hub.start(config, OpenHoursClock.weekdayMorning(Clock.systemUTC(), config.issuance()));
  }

  /** Residents 1-4 and 6 linked as the counter links them (card + PIN); resident 5 is left unknown. */
  private static void linkResidentsAtTheCounter(TrustAnchors anchors) throws Exception {
    var staffCheck = new HolderAuthentication(new CardVerifier(anchors, new RevocationStore(), CardIds.development(), Clock.systemUTC()));
    var linking = new CounterLinking(IssuanceService.RESIDENT_SERVICE, staffCheck, new AgentRecorder(kiosk.agent()));
    for (String id : List.of("1", "2", "3", "4", "6")) {
      var virtual = VirtualMyNumberCard.forResident(pki, Resident.find(id).orElseThrow(), PIN);
      linking.link(new MyNumberCard(new InProcessCard(virtual), MyNumberCard.DEFAULT_TIMEOUT), PIN.toCharArray(), id, "resident");
    }
    await("the links reach the hub").atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(java.sql.SQLException.class).until(() -> {
      for (String id : List.of("1", "2", "3", "4", "6")) {
        if (hub.lists().allowEntryOfMember(IssuanceService.RESIDENT_SERVICE, id).isEmpty()) return false;
      }
      return true;
    });
  }

  @AfterAll
  static void stopEverything() {
    if (chromium != null) chromium.close();
    if (kiosk != null) kiosk.close();
    if (peripherals != null) peripherals.close();
    if (hub != null) hub.close();
  }

  @BeforeEach
  void openPage(TestInfo info) {
    page.open("http://127.0.0.1:" + kiosk.port() + "/", "e2e-" + info.getTestMethod().orElseThrow().getName());
  }

  @AfterEach
  void takeCardAway() {
    if (card != null) card.close();
    kiosk.session().restart();
  }

  // --- issuance, as residents do it

  @Test
  void japaneseResidentGetsHerJuminhyoPrintedAndCheckable() throws Exception {
    Set<Path> before = printed();
    page.throughOptions("ja", "juminhyo");
    page.waitForScreen("InsertCard", "ja");
    insert("1");
    page.waitForScreen("EnterPin", "ja");
    page.typePin(PIN);
    page.waitForText(Messages.of("ja").get("fee.show", 250, 1));
    page.click(By.id("pay"));
    page.waitForText(Messages.of("ja").get("print.takeCertificate"));

    List<Path> pdfs = newPrints(before, 1);
    String text = pdfText(pdfs.get(0));
    assertTrue(text.contains("住民票の写し"), text);
    assertTrue(squeezed(text).contains("氏名" + squeezed(Resident.find("1").orElseThrow().items().name())), "the resident's name is on the 氏名 row:\n" + text);
    assertTrue(!text.contains("本籍"), "本籍 is printed only when asked for:\n" + text);
    String code = verificationCode(text);
    HttpResponse<String> check = get("http://127.0.0.1:" + hub.httpPort().orElseThrow() + "/verify/" + code);
    assertEquals(200, check.statusCode());
    assertTrue(check.body().contains(KIOSK) && check.body().contains("住民票の写し"), check.body());
    await("the kiosk's payment and issuance reach the hub").atMost(Duration.ofSeconds(30)).until(() -> hubEvents().containsAll(List.of(EventTypes.of(PaymentTaken.class), EventTypes.of(CertificateIssued.class))));
    String reported = get("http://127.0.0.1:" + hub.httpPort().orElseThrow() + "/verify/" + code).body();
    assertTrue(reported.contains("この証明書は有効です"), "valid once the kiosk reported it printed: " + reported);

    page.clickText(Messages.of("ja").get("done.received"));
    page.waitForText(Messages.of("ja").get("done.thanks"));
  }

  @Test
  void englishSpeakerGetsTwoCopiesForTheWholeHouseholdWithTheCardLaidDownFirst() throws Exception {
    Set<Path> before = printed();
    insert("1"); // on the reader before the page asks for it
    page.chooseLanguage("en");
    page.chooseType("juminhyo");
    page.waitForScreen("ChooseOptions", "en");
    page.click(By.cssSelector("[data-option='scope=household']"));
    page.clickText(Messages.of("en").get("options.copiesMore"), true);
    page.click(By.id("next"));
    page.waitForScreen("EnterPin", "en");
    page.typePin(PIN);
    page.waitForText(Messages.of("en").get("fee.show", 500, 2));
    page.click(By.id("pay"));
    page.waitForText(Messages.of("en").get("print.takeCertificate"));

    List<Path> pdfs = newPrints(before, 2);
    List<String> household = householdNamesOf("1");
    assertTrue(household.size() >= 2, "the demo register gives resident 1 a household: " + household);
    for (Path pdf : pdfs) {
      String text = squeezed(pdfText(pdf));
      for (String name : household) assertTrue(text.contains("氏名" + squeezed(name)), name + " is on the household certificate:\n" + text);
    }
  }

  // --- and every way off the path

  @Test
  void wrongPinsAreCountedByTheCardAndABlockedCardIsExplained() {
    page.throughOptions("ja", "inkan");
    insert("2");
    page.waitForText(Messages.of("ja").get("pin.triesLeft", 3));
    page.typePin("9999");
    page.waitForText(Messages.of("ja").get("pin.triesLeft", 2));
    page.typePin("8888");
    page.waitForText(Messages.of("ja").get("pin.lastTry"));
    page.typePin("7777");
    page.waitForText(Messages.of("ja").get("pin.blocked"));
    // The card itself is blocked now: even the right PIN is refused (three tries, each one the resident's).
    var onCard = new MyNumberCard(new InProcessCard(card.card()), MyNumberCard.DEFAULT_TIMEOUT).verifyUserAuthPin(PIN.toCharArray());
    assertEquals(new CardResult.Failed<Boolean>(new CardProblem.PinBlocked()), onCard);
  }

  @Test
  void aPulledCardEndsTheSession() {
    page.throughOptions("en", "juminhyo");
    insert("3");
    page.waitForScreen("EnterPin", "en");
    card.vpcd().pull();
    page.waitForText(Messages.of("en").get("card.removed"));
  }

  @Test
  void aChildIsRefusedByTheCityRulesWithTheReason() {
    page.throughOptions("ja-easy", "juminhyo");
    insert("6");
    page.waitForScreen("EnterPin", "ja-easy");
    page.typePin(PIN);
    page.waitForScreen("Refused", "ja-easy");
    assertTrue(page.text().contains(Messages.of("ja-easy").get("refused.too-young")), page.text());
  }

  @Test
  void aDeclinedPaymentIsTriedAgainAndTakenOnce() throws Exception {
    Set<Path> before = printed();
    int charges = kiosk.payment().chargesTaken();
    kiosk.payment().script(SimulatedPaymentTerminal.Behaviour.DECLINE);
    page.throughOptions("pt-BR", "juminhyo");
    insert("4");
    page.waitForScreen("EnterPin", "pt-BR");
    page.typePin(PIN);
    page.waitForScreen("Fee", "pt-BR");
    page.click(By.id("pay"));
    page.waitForText(Messages.of("pt-BR").get("pay.declined"));
    page.click(By.id("pay-retry"));
    page.waitForText(Messages.of("pt-BR").get("print.takeCertificate"));
    assertEquals(charges + 1, kiosk.payment().chargesTaken());
    newPrints(before, 1);
  }

  @Test
  void hubDownOffersACardSignedRequestThatReachesTheHubLater() throws Exception {
    Set<Path> before = printed();
    hub.close();
    try {
      page.throughOptions("ja", "juminhyo");
      insert("1");
      page.waitForText(Messages.of("ja").get("hub.down"));
      page.click(By.id("leave-request"));
      page.waitForScreen("RequestChoice", "ja");
      page.click(By.id("request-counter"));
      page.waitForScreen("EnterPin", "ja");
      page.typePin(PIN);
      page.waitForScreen("Queued", "ja");
    } finally {
      startHub();
    }
    // The kiosk reconnects on its own (backoff at most 2 s) once the hub's broker is back, and resends
    // what is unacked; one that reached the broker before the hub's subscription is sent again after
    // the ack timeout. The deadlines bound a hang; they time nothing.
    await("the hub and the kiosk are connected again").atMost(Duration.ofSeconds(30)).until(() -> hub.connected() && kiosk.hubConnected());
    await("the queued request reaches the hub")
        .atMost(kiosk.agent().config().mqtt().ackTimeout().plusSeconds(30))
        .until(() -> hubEvents().contains(EventTypes.of(IssueRequestQueued.class)));
    assertEquals(before, printed(), "nothing is printed without the hub's signed document");

    // At the counter: the request is the card holder's, and the hub knows which resident it is.
    var queued = hub.queuedRequests().list(10).get(0);
    assertEquals(QueuedRequests.RequestCheck.SIGNED_BY_THE_CARD, queued.check());
    assertEquals(java.util.Optional.of("1"), queued.residentId());
    assertEquals(KIOSK, queued.terminal());
    var r = queued.request();
    var altered = new IssueRequestQueued(r.requestId(), r.certificateType(), r.options(), r.copies() + 1, r.cardId(), r.certificate(), r.caCertificate(), r.signature(), r.delivery(), r.contact(), r.feeYen());
    assertEquals(QueuedRequests.RequestCheck.SIGNATURE_INVALID, hub.queuedRequests().check(altered), "a request changed after signing is not the holder's");
  }

  // --- helpers

  private void insert(String resident) {
    VirtualMyNumberCard virtual;
    try {
      virtual = VirtualMyNumberCard.forResident(pki, Resident.find(resident).orElseThrow(), PIN);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    switch (VirtualCardInPcscd.open(virtual, 1, Duration.ofMinutes(2))) {
      case VirtualCardInPcscd.Opening.Ready r -> card = r.card();
      case VirtualCardInPcscd.Opening.Unavailable u -> throw RealComponent.PCSCD.missing("the second vpcd reader: " + u.reason());
    }
  }

  private static List<String> hubEvents() {
    try {
      return hub.events().types(KIOSK);
    } catch (java.sql.SQLException e) {
      return List.of();
    }
  }

  private static List<String> householdNamesOf(String residentId) throws IOException {
    try (var reader = Files.newBufferedReader(ROOT.resolve("config/examples/residents.csv"))) {
      var all = ResidentRegisterCsv.read(reader).residents();
      String household = all.stream().filter(r -> r.residentId().equals(residentId)).findFirst().orElseThrow().householdId();
      return all.stream().filter(r -> r.householdId().equals(household)).map(r -> r.fullName()).toList();
    }
  }

  private static Set<Path> printed() throws IOException {
    if (!Files.isDirectory(prints)) return Set.of();
    try (Stream<Path> files = Files.list(prints)) {
      return Set.copyOf(files.filter(p -> p.toString().endsWith(".pdf")).toList());
    }
  }

  /** Waits for {@code count} new PDFs from the file printer. */
  private static List<Path> newPrints(Set<Path> before, int count) throws IOException {
    await(count + " certificate(s) printed").atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(IOException.class)
        .until(() -> printed().size() - before.size() >= count);
    List<Path> out = new ArrayList<>(printed());
    out.removeAll(before);
    assertEquals(count, out.size(), "copies printed");
    return out;
  }

  private static String pdfText(Path pdf) throws Exception {
    // -layout keeps each row of the table on one line, apart from the background pattern's words.
    Process p = new ProcessBuilder("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "pdftotext: " + text);
    return text;
  }

  /** The printed code, as the receiving office types it from the paper. */
  private static String verificationCode(String text) {
    Matcher m = Pattern.compile("([0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z]{4})").matcher(text);
    assertTrue(m.find(), "a verification code is printed:\n" + text);
    return m.group(1);
  }

  private static String squeezed(String s) {
    return s.replaceAll("[\\s\u3000]", "");
  }

  private static HttpResponse<String> get(String url) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
