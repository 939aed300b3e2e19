package jp.mynaterm.kiosk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynaterm.hardware.payment.SimulatedPaymentTerminal;
import jp.mynaterm.kiosk.flow.Fakes;
import jp.mynaterm.kiosk.flow.IssuanceSession;
import jp.mynaterm.kiosk.i18n.Messages;
import jp.mynaterm.kiosk.speech.SpeechSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The kiosk page in real headless Chromium (Debian's chromium + chromium-driver), clicked through as
 * a resident would, with axe-core checking every screen for serious accessibility problems.
 * Screenshots go to target/screenshots/.
 */
class KioskBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target/screenshots");

  private static WebDriver browser;
  private static KioskServer server;
  private static final AtomicReference<IssuanceSession> CURRENT = new AtomicReference<>();
  private static Path userData;

  @TempDir Path dir;
  private Fakes.Card card;
  private Fakes.Hub hub;
  private Fakes.Printer printer;
  private Fakes.MovableClock clock;
  private SimulatedPaymentTerminal payment;
  private IssuanceSession session;
  private String testName;
  private int shot;

  @BeforeAll
  static void startBrowserAndServer() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "!!! SKIPPED: Debian chromium and chromium-driver are not installed; ./mynaterm test installs them !!!");
    // Selenium warns about DevTools versions it does not need here; keep the build log readable.
    java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
    server = new KioskServer(CURRENT::get, new SpeechSynthesizer(Files.createTempDirectory("speech"), Path.of("/nonexistent"), Path.of("/nonexistent")), "127.0.0.1", 0);
    userData = Files.createTempDirectory("chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + userData);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.quit();
    if (server != null) server.close();
  }

  @BeforeEach
  void newResident(TestInfo info) {
    card = new Fakes.Card();
    hub = new Fakes.Hub();
    printer = new Fakes.Printer();
    clock = new Fakes.MovableClock();
    payment = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "paypay");
    session = new IssuanceSession(card, hub, payment, printer, new Fakes.Recorder(), clock, Duration.ofSeconds(60), Duration.ofSeconds(20));
    CURRENT.set(session);
    testName = info.getTestMethod().orElseThrow().getName();
    shot = 0;
    browser.get("http://127.0.0.1:" + server.port() + "/");
    waitForScreen("ChooseLanguage", "ja");
  }

  // --- the resident's way through

  @Test
  void wholeIssuanceInJapanese() {
    throughToPin("ja", "juminhyo");
    typePin("1234");
    waitForText(Messages.of("ja").get("fee.show", 250, 1));
    click(By.id("pay"));
    waitForText(Messages.of("ja").get("print.takeCertificate"));
    assertEquals(1, printer.printed.size());
    clickText(Messages.of("ja").get("done.received"));
    waitForText(Messages.of("ja").get("done.thanks"));
  }

  @Test
  void wholeIssuanceInEnglishForTheHouseholdWithTwoCopies() {
    chooseLanguage("en");
    clickType("juminhyo");
    waitForScreen("ChooseOptions", "en");
    click(By.cssSelector("[data-option='scope=household']"));
    clickText(Messages.of("en").get("options.copiesMore"), true);
    assertEquals("2", browser.findElement(By.id("copies")).getText());
    click(By.id("next"));
    waitForScreen("InsertCard", "en");
    session.cardPresent();
    waitForScreen("EnterPin", "en");
    typePin("1234");
    waitForText(Messages.of("en").get("fee.show", 500, 2));
    assertEquals("household", hub.requests.get(0).options().get("scope"));
    assertEquals(2, hub.requests.get(0).copies());
    click(By.id("pay"));
    waitForText(Messages.of("en").get("print.takeCertificate"));
  }

  @Test
  void everyLanguageRendersItsOwnWords() {
    for (String tag : Messages.LANGUAGES) {
      browser.get("http://127.0.0.1:" + server.port() + "/");
      waitForScreen("ChooseLanguage", "ja");
      chooseLanguage(tag);
      waitForText(Messages.of(tag).get("type.prompt"));
      assertEquals(tag.equals("ja-easy") ? "ja" : tag, browser.findElement(By.tagName("html")).getAttribute("lang"));
      session.cancel();
      waitForScreen("ChooseLanguage", "ja");
    }
  }

  // --- and every way off it

  @Test
  void wrongPinsThenBlocked() {
    throughToPin("ja", "inkan");
    waitForText(Messages.of("ja").get("pin.triesLeft", 3));
    typePin("9999");
    waitForText(Messages.of("ja").get("pin.triesLeft", 2));
    assertTrue(pageText().contains(Messages.of("ja").get("pin.wrong")));
    typePin("8888");
    waitForText(Messages.of("ja").get("pin.lastTry"));
    typePin("7777");
    waitForText(Messages.of("ja").get("pin.blocked"));
    assertEquals(3, card.verifyCalls);
  }

  @Test
  void timeoutWarnsThenWipes() {
    throughToPin("en", "juminhyo");
    clock.advance(Duration.ofSeconds(61));
    session.tick();
    waitForScreen("TimeoutWarning", "en");
    click(By.id("continue"));
    waitForScreen("EnterPin", "en");
    clock.advance(Duration.ofSeconds(61));
    session.tick();
    waitForScreen("TimeoutWarning", "en");
    clock.advance(Duration.ofSeconds(21));
    session.tick();
    waitForScreen("ChooseLanguage", "ja");
  }

  @Test
  void pulledCardEndsTheSession() {
    throughToPin("ja", "juminhyo");
    card.present = false;
    session.cardRemoved();
    waitForText(Messages.of("ja").get("card.removed"));
  }

  @Test
  void hubDownOffersASignedRequest() {
    hub.reachableForChallenge = false;
    throughToPin("ja-easy", "juminhyo", "HubDown");
    waitForText(Messages.of("ja-easy").get("hub.down"));
    click(By.id("leave-request"));
    waitForScreen("EnterPin", "ja-easy");
    typePin("1234");
    waitForScreen("Queued", "ja-easy");
    assertEquals(List.of(), printer.printed);
  }

  @Test
  void declinedPaymentCanBeRetried() {
    payment.script(SimulatedPaymentTerminal.Behaviour.DECLINE);
    throughToPin("pt-BR", "juminhyo");
    typePin("1234");
    waitForScreen("Fee", "pt-BR");
    click(By.id("pay"));
    waitForText(Messages.of("pt-BR").get("pay.declined"));
    click(By.id("pay-retry"));
    waitForText(Messages.of("pt-BR").get("print.takeCertificate"));
    assertEquals(1, payment.chargesTaken());
  }

  @Test
  void largeTextAndHighContrastChangeThePage() {
    String size = browser.findElement(By.tagName("body")).getCssValue("font-size");
    String background = browser.findElement(By.tagName("body")).getCssValue("background-color");
    click(By.id("large-text"));
    click(By.id("high-contrast"));
    assertNotEquals(size, browser.findElement(By.tagName("body")).getCssValue("font-size"));
    assertNotEquals(background, browser.findElement(By.tagName("body")).getCssValue("background-color"));
    checkAccessibility();
  }

  @Test
  void touchTargetsAreAtLeast44CssPixels() {
    throughToPin("en", "juminhyo");
    for (WebElement b : browser.findElements(By.tagName("button"))) {
      if (!b.isDisplayed()) continue;
      assertTrue(b.getSize().getWidth() >= 44 && b.getSize().getHeight() >= 44, b.getText() + " is " + b.getSize());
    }
  }

  // --- helpers

  private void throughToPin(String lang, String type) {
    throughToPin(lang, type, "EnterPin");
  }

  private void throughToPin(String lang, String type, String expected) {
    chooseLanguage(lang);
    clickType(type);
    waitForScreen("ChooseOptions", lang);
    if (type.equals("shotoku")) click(By.cssSelector("[data-option^='fiscalYear=']"));
    click(By.id("next"));
    waitForScreen("InsertCard", lang);
    session.cardPresent(); // what the reader's watcher does when a card arrives
    waitForScreen(expected, lang);
  }

  private void chooseLanguage(String tag) {
    click(By.cssSelector("[data-tag='" + tag + "']"));
    waitForScreen("ChooseType", tag);
  }

  private void clickType(String type) {
    click(By.cssSelector("[data-type='" + type + "']"));
  }

  private void typePin(String digits) {
    for (char d : digits.toCharArray()) clickText(String.valueOf(d));
    click(By.id("pin-ok"));
  }

  private void click(By by) {
    waitUntil(d -> d.findElement(by).isDisplayed() && d.findElement(by).isEnabled());
    for (int attempt = 0; ; attempt++) {
      try {
        browser.findElement(by).click();
        return;
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        if (attempt == 3) throw e;
      }
    }
  }

  private void clickText(String text) {
    clickText(text, false);
  }

  private void clickText(String text, boolean byLabel) {
    waitUntil(
        d -> {
          var button = d.findElements(By.tagName("button")).stream().filter(b -> matches(b, text, byLabel)).findFirst();
          if (button.isEmpty()) return false;
          button.get().click();
          return true;
        });
  }

  private static boolean matches(WebElement b, String text, boolean byLabel) {
    return byLabel ? text.equals(b.getAttribute("aria-label")) : text.equals(b.getText());
  }

  private String pageText() {
    return browser.findElement(By.tagName("main")).getText();
  }

  /** Waits until the page shows the screen in the language, then screenshots and checks it. */
  private void waitForScreen(String screen, String lang) {
    String htmlLang = lang.equals("ja-easy") ? "ja" : lang;
    waitUntil(d -> screen.equals(d.findElement(By.id("screen")).getAttribute("data-screen")) && pageLang().equals(htmlLang));
    screenshotAndCheck(screen + "-" + lang);
  }

  /** Polls the page with a deadline; a node replaced by a re-render is simply looked up again. */
  private void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
    new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
  }

  private String pageLang() {
    return browser.findElement(By.tagName("html")).getAttribute("lang");
  }

  private void waitForText(String text) {
    waitUntil(d -> pageText().contains(text));
    screenshotAndCheck("text");
  }

  private void screenshotAndCheck(String what) {
    try {
      byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
      Files.write(SHOTS.resolve(testName + "-" + (++shot) + "-" + what + ".png"), png);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    checkAccessibility();
  }

  /** Screens (by name, language and display mode) already checked in this run: axe is slow. */
  private static final java.util.Set<String> CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private void checkAccessibility() {
    String mode = browser.findElement(By.tagName("body")).getAttribute("class");
    String signature = browser.findElement(By.id("screen")).getAttribute("data-screen") + "|" + pageLang() + "|" + mode + "|" + pageText().hashCode();
    if (!CHECKED.add(signature)) return;
    var results = new AxeBuilder().analyze(browser);
    List<String> serious =
        results.getViolations().stream()
            .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
            .map(Rule::getId)
            .toList();
    assertEquals(List.of(), serious, "serious accessibility violations on " + browser.getCurrentUrl());
  }
}
