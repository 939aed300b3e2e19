package jp.mynaterm.kiosk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynaterm.testsupport.HeadlessChromium;
import jp.mynaterm.hardware.payment.SimulatedPaymentTerminal;
import jp.mynaterm.kiosk.flow.Fakes;
import jp.mynaterm.kiosk.flow.IssuanceSession;
import jp.mynaterm.kiosk.i18n.Messages;
import jp.mynaterm.kiosk.speech.SpeechSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The kiosk page in real headless Chromium, clicked through as a resident would, with axe-core
 * checking every screen for serious accessibility problems; the card, hub and printer are fakes
 * here, so every way off the path (a timeout on a movable clock, each refusal) can be driven. The
 * same page over the real card, hub and printer is {@code KioskEndToEndTest}.
 */
class KioskBrowserTest {
  private static HeadlessChromium chromium;
  private static KioskPage page;
  private static KioskServer server;
  private static final AtomicReference<IssuanceSession> CURRENT = new AtomicReference<>();
  /** What the page asked the kiosk to say, in order. */
  private static final List<KioskServer.Spoken> SPOKEN = new java.util.concurrent.CopyOnWriteArrayList<>();

  @TempDir java.nio.file.Path dir;
  private Fakes.Card card;
  private Fakes.Hub hub;
  private Fakes.Printer printer;
  private Fakes.MovableClock clock;
  private SimulatedPaymentTerminal payment;
  private IssuanceSession session;

  @BeforeAll
  static void startBrowserAndServer() throws Exception {
    chromium = HeadlessChromium.start(1080, 1920); // the kiosk's portrait screen
    page = new KioskPage(chromium);
    var nowhere = java.nio.file.Path.of("/nonexistent");
    // In development mode, so axe checks every screen with the ribbon on top too.
    server = new KioskServer(CURRENT::get, new SpeechSynthesizer(java.nio.file.Files.createTempDirectory("speech"), nowhere, nowhere), "127.0.0.1", 0, () -> {}, true);
    server.onSpeech(SPOKEN::add);
  }

  @AfterAll
  static void stop() {
    if (chromium != null) chromium.close();
    if (server != null) server.close();
  }

  @BeforeEach
  void newResident(TestInfo info) {
    card = new Fakes.Card();
    hub = new Fakes.Hub();
    printer = new Fakes.Printer();
    clock = new Fakes.MovableClock();
    payment = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "paypay");
    session = new IssuanceSession(card, hub, payment, printer, new Fakes.Recorder(), Fakes.journal(dir), clock, Duration.ofSeconds(60), Duration.ofSeconds(20));
    CURRENT.set(session);
    SPOKEN.clear();
    page.open("http://127.0.0.1:" + server.port() + "/", info.getTestMethod().orElseThrow().getName());
  }

  // --- the resident's way through

  @Test
  void wholeIssuanceInJapanese() {
    throughToPin("ja", "juminhyo");
    page.typePin("1234");
    page.waitForText(Messages.of("ja").get("fee.show", 250, 1));
    page.click(By.id("pay"));
    page.waitForText(Messages.of("ja").get("print.takeCertificate"));
    assertEquals(1, printer.printed.size());
    page.clickText(Messages.of("ja").get("done.received"));
    page.waitForText(Messages.of("ja").get("done.thanks"));
  }

  @Test
  void wholeIssuanceInEnglishForTheHouseholdWithTwoCopies() {
    page.chooseLanguage("en");
    page.chooseType("juminhyo");
    page.waitForScreen("ChooseOptions", "en");
    page.click(By.cssSelector("[data-option='scope=household']"));
    page.clickText(Messages.of("en").get("options.copiesMore"), true);
    assertEquals("2", page.browser().findElement(By.id("copies")).getText());
    page.click(By.id("next"));
    page.waitForScreen("InsertCard", "en");
    session.cardPresent();
    page.waitForScreen("EnterPin", "en");
    page.typePin("1234");
    page.waitForText(Messages.of("en").get("fee.show", 500, 2));
    assertEquals("household", hub.requests.get(0).options().get("scope"));
    assertEquals(2, hub.requests.get(0).copies());
    page.click(By.id("pay"));
    page.waitForText(Messages.of("en").get("print.takeCertificate"));
  }

  @Test
  void everyLanguageRendersItsOwnWords() {
    for (String tag : Messages.LANGUAGES) {
      page.browser().get("http://127.0.0.1:" + server.port() + "/");
      page.waitForScreen("ChooseLanguage", "ja");
      page.chooseLanguage(tag);
      page.waitForText(Messages.of(tag).get("type.prompt"));
      assertEquals(tag.equals("ja-easy") ? "ja" : tag, page.browser().findElement(By.tagName("html")).getAttribute("lang"));
      session.cancel();
      page.waitForScreen("ChooseLanguage", "ja");
    }
  }

  // --- and every way off it

  @Test
  void wrongPinsThenBlocked() {
    throughToPin("ja", "inkan");
    page.waitForText(Messages.of("ja").get("pin.triesLeft", 3));
    page.typePin("9999");
    page.waitForText(Messages.of("ja").get("pin.triesLeft", 2));
    assertTrue(page.text().contains(Messages.of("ja").get("pin.wrong")));
    page.typePin("8888");
    page.waitForText(Messages.of("ja").get("pin.lastTry"));
    page.typePin("7777");
    page.waitForText(Messages.of("ja").get("pin.blocked"));
    assertEquals(3, card.verifyCalls);
  }

  @Test
  void timeoutWarnsThenWipes() {
    throughToPin("en", "juminhyo");
    clock.advance(Duration.ofSeconds(61));
    session.tick();
    page.waitForScreen("TimeoutWarning", "en");
    page.click(By.id("continue"));
    page.waitForScreen("EnterPin", "en");
    clock.advance(Duration.ofSeconds(61));
    session.tick();
    page.waitForScreen("TimeoutWarning", "en");
    clock.advance(Duration.ofSeconds(21));
    session.tick();
    page.waitForScreen("ChooseLanguage", "ja");
  }

  @Test
  void pulledCardEndsTheSession() {
    throughToPin("ja", "juminhyo");
    card.present = false;
    session.cardRemoved();
    page.waitForText(Messages.of("ja").get("card.removed"));
  }

  @Test
  void hubDownOffersASignedRequest() {
    hub.reachableForChallenge = false;
    throughToPin("ja-easy", "juminhyo", "HubDown");
    assertTrue(page.browser().findElements(By.tagName("ruby")).size() > 0, "やさしい日本語 shows kanji with their reading");
    page.waitForText(Messages.of("ja-easy").get("hub.down"));
    page.click(By.id("leave-request"));
    page.waitForScreen("RequestChoice", "ja-easy");
    page.click(By.id("request-post"));
    page.waitForScreen("EnterPin", "ja-easy");
    page.typePin("1234");
    page.waitForScreen("Queued", "ja-easy");
    assertEquals(List.of(), printer.printed);
  }

  @Test
  void declinedPaymentCanBeRetried() {
    payment.script(SimulatedPaymentTerminal.Behaviour.DECLINE);
    throughToPin("pt-BR", "juminhyo");
    page.typePin("1234");
    page.waitForScreen("Fee", "pt-BR");
    page.click(By.id("pay"));
    page.waitForText(Messages.of("pt-BR").get("pay.declined"));
    page.click(By.id("pay-retry"));
    page.waitForText(Messages.of("pt-BR").get("print.takeCertificate"));
    assertEquals(1, payment.chargesTaken());
  }

  @Test
  void largeTextAndHighContrastChangeThePage() {
    String size = page.browser().findElement(By.tagName("body")).getCssValue("font-size");
    String background = page.browser().findElement(By.tagName("body")).getCssValue("background-color");
    page.click(By.id("large-text"));
    page.click(By.id("high-contrast"));
    assertNotEquals(size, page.browser().findElement(By.tagName("body")).getCssValue("font-size"));
    assertNotEquals(background, page.browser().findElement(By.tagName("body")).getCssValue("background-color"));
    page.screenshotAndCheck("modes");
  }

  @Test
  void touchTargetsAreAtLeast80CssPixels() {
    page.throughOptions("en", "juminhyo");
    page.waitForScreen("InsertCard", "en");
    assertTrue(page.text().contains(Messages.of("en").get("fee.show", 250, 1)), "the fee before the card");
    page.browser().findElement(By.cssSelector("[role=img] svg")); // where the card goes
    session.cardPresent();
    page.waitForScreen("EnterPin", "en");
    for (WebElement b : page.browser().findElements(By.tagName("button"))) {
      if (!b.isDisplayed()) continue;
      assertTrue(b.getSize().getWidth() >= 80 && b.getSize().getHeight() >= 80, b.getText() + " is " + b.getSize());
    }
  }

  @Test
  void theNextResidentGetsTheStandardDisplayAndNoSpeech() {
    page.chooseLanguage("en");
    page.click(By.id("high-contrast"));
    page.click(By.id("large-text"));
    page.click(By.id("speak"));
    page.click(By.id("back"));
    page.waitForScreen("ChooseLanguage", "ja");
    assertEquals("true", page.browser().findElement(By.id("high-contrast")).getAttribute("aria-pressed"), "going back is the same resident");
    page.chooseLanguage("en");
    session.cancel(); // or the timeout, or the end of a visit
    page.waitForScreen("ChooseLanguage", "ja");
    for (String mode : List.of("high-contrast", "large-text", "speak")) assertEquals("false", page.browser().findElement(By.id(mode)).getAttribute("aria-pressed"), mode);
    assertEquals("", page.browser().findElement(By.tagName("body")).getAttribute("class"));
  }

  /**
   * A blind resident with a USB numeric keypad: every step by keys alone, and at each the kiosk says
   * the instruction, the numbered items with their state, and what each key did; the PIN's digits are
   * counted aloud, never said.
   */
  @Test
  void aResidentGetsACertificateByNumericKeypadAndSpeechAlone() {
    chromium.waitUntil(d -> !d.findElements(By.cssSelector("[data-tag='tl']")).isEmpty());
    page.press(Keys.DECIMAL); // the first key turns speech on and reads the screen, choosing nothing
    awaitSaid("ja", "lang.prompt", "speech.number|1", "lang.name");
    awaitSaid("ja", "keys.help");
    awaitSaid("en", "speech.number|3", "lang.name");
    assertEquals("ChooseLanguage", page.screen());
    page.press(Keys.NUMPAD3);
    page.waitForScreen("ChooseType", "en");
    awaitSaid("en", "type.prompt", "speech.number|1", "type.juminhyo", "speech.number|4", "type.fuhyo");
    page.press(Keys.NUMPAD1);
    page.waitForScreen("ChooseOptions", "en");
    awaitSaid("en", "options.prompt", "options.scope.self", "speech.selected", "options.copiesNow|1");
    page.press(Keys.SUBTRACT); // back
    page.waitForScreen("ChooseType", "en");
    page.press(Keys.NUMPAD1);
    page.waitForScreen("ChooseOptions", "en");
    clock.advance(Duration.ofSeconds(50));
    page.press(Keys.NUMPAD8); // one more copy
    awaitSaid("en", "options.copiesNow|2");
    awaitActivity();
    assertEquals("2", page.browser().findElement(By.id("copies")).getText());
    page.press(Keys.ADD); // the next item is read with its number
    awaitSaid("en", "speech.number|9", "common.next");
    page.press(Keys.ENTER);
    page.waitForScreen("InsertCard", "en");
    awaitSaid("en", "card.prompt", "fee.show|500|2");
    session.cardPresent();
    page.waitForScreen("EnterPin", "en");
    awaitSaid("en", "pin.prompt", "pin.triesLeft|3");
    clock.advance(Duration.ofSeconds(50));
    for (CharSequence digit : List.of(Keys.NUMPAD1, Keys.NUMPAD2, Keys.NUMPAD3, Keys.NUMPAD4)) page.press(digit);
    awaitSaid("en", "pin.entered|4");
    awaitActivity(); // typing the PIN keeps the session alive
    page.press(Keys.ENTER);
    page.waitForScreen("Fee", "en");
    awaitSaid("en", "fee.show|500|2", "speech.number|1", "fee.payButton");
    page.press(Keys.ENTER);
    page.waitForScreen("TakeCertificate", "en");
    awaitSaid("en", "print.takeCertificate");
    page.press(Keys.ENTER);
    page.waitForScreen("Done", "en");
    awaitSaid("en", "done.thanks");
    assertEquals(2, printer.printed.size(), "two copies, one print job each");
    assertTrue(SPOKEN.stream().flatMap(u -> u.parts().stream()).noneMatch(p -> p.contains("1234")), "the PIN is never said");
  }

  private static void awaitSaid(String lang, String... parts) {
    org.awaitility.Awaitility.await("the kiosk says " + List.of(parts) + " in " + lang + "; said: " + SPOKEN)
        .atMost(Duration.ofSeconds(10))
        .until(() -> SPOKEN.stream().anyMatch(u -> u.lang().equals(lang) && u.parts().containsAll(List.of(parts))));
  }

  /** The page's touch reached the session: its inactivity timer starts again from now. */
  private void awaitActivity() {
    org.awaitility.Awaitility.await("the key counts as activity").atMost(Duration.ofSeconds(10)).until(() -> session.lastActivity().equals(clock.instant()));
  }

  // --- helpers

  private void throughToPin(String lang, String type) {
    throughToPin(lang, type, "EnterPin");
  }

  private void throughToPin(String lang, String type, String expected) {
    page.throughOptions(lang, type);
    page.waitForScreen("InsertCard", lang);
    session.cardPresent(); // what the reader's watcher does when a card arrives
    page.waitForScreen(expected, lang);
  }
}
