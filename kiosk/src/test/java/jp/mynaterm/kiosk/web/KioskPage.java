package jp.mynaterm.kiosk.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.mynaterm.testsupport.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The kiosk page as a resident uses it, in headless Chromium: touch a language, a type, digits on
 * the keypad. Each screen reached is screenshotted (target/screenshots) and checked with axe-core
 * (once per screen, language, display mode and text: axe is slow).
 */
public final class KioskPage {
  private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();
  private final HeadlessChromium chromium;
  private final WebDriver browser;
  private String testName = "kiosk";
  private int shot;

  public KioskPage(HeadlessChromium chromium) {
    this.chromium = chromium;
    this.browser = chromium.driver();
  }

  /** Opens the page for a new test; screenshots are named after it. */
  public void open(String url, String testName) {
    this.testName = testName;
    this.shot = 0;
    browser.get(url);
    waitForScreen("ChooseLanguage", "ja");
  }

  public WebDriver browser() {
    return browser;
  }

  public void chooseLanguage(String tag) {
    click(By.cssSelector("[data-tag='" + tag + "']"));
    waitForScreen("ChooseType", tag);
  }

  public void chooseType(String type) {
    click(By.cssSelector("[data-type='" + type + "']"));
  }

  /** Language, type, the options screen's defaults (a fiscal year for 所得証明), then "next". */
  public void throughOptions(String lang, String type) {
    chooseLanguage(lang);
    chooseType(type);
    waitForScreen("ChooseOptions", lang);
    if (type.equals("shotoku")) click(By.cssSelector("[data-option^='fiscalYear=']"));
    click(By.id("next"));
  }

  public void typePin(String digits) {
    for (char d : digits.toCharArray()) clickText(String.valueOf(d));
    click(By.id("pin-ok"));
  }

  public void click(By by) {
    chromium.waitUntil(d -> d.findElement(by).isDisplayed() && d.findElement(by).isEnabled());
    for (int attempt = 0; ; attempt++) {
      try {
        browser.findElement(by).click();
        return;
      } catch (StaleElementReferenceException e) {
        if (attempt == 3) throw e;
      }
    }
  }

  public void clickText(String text) {
    clickText(text, false);
  }

  /**
   * Clicks the button showing {@code text} (or labelled so, for icon buttons). Asking every button for
   * its shown text is a round trip to the driver each (about 0.3 s a PIN digit with the keypad and the
   * screen's other buttons): the page names the buttons that can match first (their text content holds
   * the text, letter case and white space aside), and only those are asked; all of them if none shows it.
   */
  public void clickText(String text, boolean byLabel) {
    chromium.waitUntil(
        d -> {
          var button = firstMatching(candidates(text, byLabel), text, byLabel);
          if (button.isEmpty()) button = firstMatching(d.findElements(By.tagName("button")), text, byLabel);
          if (button.isEmpty()) return false;
          button.get().click();
          return true;
        });
  }

  private static Optional<WebElement> firstMatching(List<WebElement> buttons, String text, boolean byLabel) {
    return buttons.stream().filter(b -> matches(b, text, byLabel)).findFirst();
  }

  @SuppressWarnings("unchecked")
  private List<WebElement> candidates(String text, boolean byLabel) {
    Object found = ((JavascriptExecutor) browser).executeScript(
        "const [text, byLabel] = arguments; const squeeze = (s) => (s || '').replace(/\\s+/g, '').toLowerCase();"
            + "return [...document.querySelectorAll('button')].filter((b) => byLabel ? b.getAttribute('aria-label') === text : squeeze(b.textContent).includes(squeeze(text)));",
        text, byLabel);
    return found instanceof List<?> list ? (List<WebElement>) list : List.of();
  }

  private static boolean matches(WebElement b, String text, boolean byLabel) {
    return byLabel ? text.equals(b.getAttribute("aria-label")) : text.equals(b.getText());
  }

  /** The screen's text as shown, without the readings above kanji (やさしい日本語's ruby). */
  public String text() {
    return (String)
        ((JavascriptExecutor) browser)
            .executeScript("const c = document.querySelector('main').cloneNode(true); c.querySelectorAll('rt').forEach((r) => r.remove()); return c.textContent;");
  }

  /** A key of the USB numeric keypad (Keys.NUMPAD1, Keys.ENTER, Keys.ADD, Keys.SUBTRACT, Keys.DECIMAL). */
  public void press(CharSequence key) {
    new org.openqa.selenium.interactions.Actions(browser).sendKeys(key).perform();
  }

  public String lang() {
    return browser.findElement(By.tagName("html")).getAttribute("lang");
  }

  public String screen() {
    return browser.findElement(By.id("screen")).getAttribute("data-screen");
  }

  /** Waits until the page shows the screen in the language, then screenshots and checks it. */
  public void waitForScreen(String screen, String lang) {
    String htmlLang = lang.equals("ja-easy") ? "ja" : lang;
    chromium.waitUntil(d -> screen.equals(screen()) && lang().equals(htmlLang));
    screenshotAndCheck(screen + "-" + lang);
  }

  public void waitForText(String text) {
    chromium.waitUntil(d -> text().contains(text));
    screenshotAndCheck("text");
  }

  public void screenshotAndCheck(String what) {
    chromium.screenshot(testName + "-" + (++shot) + "-" + what);
    String mode = browser.findElement(By.tagName("body")).getAttribute("class");
    if (CHECKED.add(screen() + "|" + lang() + "|" + mode + "|" + text().hashCode())) chromium.assertAccessible(testName + " " + what);
  }
}
