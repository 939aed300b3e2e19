package jp.mynaterm.kiosk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynaterm.agent.testing.HeadlessChromium;
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

  @TempDir java.nio.file.Path dir;
  private Fakes.Card card;
  private Fakes.Hub hub;
  private Fakes.Printer printer;
  private Fakes.MovableClock clock;
  private SimulatedPaymentTerminal payment;
  private IssuanceSession session;

  @BeforeAll
  static void startBrowserAndServer() throws Exception {
    chromium = HeadlessChromium.start(1280, 900);
    page = new KioskPage(chromium);
    var nowhere = java.nio.file.Path.of("/nonexistent");
    // In development mode, so axe checks every screen with the ribbon on top too.
    server = new KioskServer(CURRENT::get, new SpeechSynthesizer(java.nio.file.Files.createTempDirectory("speech"), nowhere, nowhere), "127.0.0.1", 0, () -> {}, true);
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
  void touchTargetsAreAtLeast44CssPixels() {
    throughToPin("en", "juminhyo");
    for (WebElement b : page.browser().findElements(By.tagName("button"))) {
      if (!b.isDisplayed()) continue;
      assertTrue(b.getSize().getWidth() >= 44 && b.getSize().getHeight() >= 44, b.getText() + " is " + b.getSize());
    }
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
