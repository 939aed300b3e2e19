package jp.mynaterm.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jp.mynaterm.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The console in headless Chromium, clicked through as staff would, in Japanese and then English;
 * axe-core checks every page (0 serious or critical), the development ribbon included.
 */
class ConsoleBrowserTest {
  @TempDir static Path dir;
  static ConsoleRig rig;
  static HeadlessChromium chromium;
  static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    rig = new ConsoleRig(dir, List.of(ConsoleTest.KIOSK_MONEY));
    chromium = HeadlessChromium.start(1280, 900);
    browser = chromium.driver();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) chromium.close();
    if (rig != null) rig.close();
  }

  @Test
  void signInAndEveryShellPageInBothLanguages() {
    Map<String, Messages> words = Messages.load(List.of(Messages.SHELL));
    for (String lang : List.of("ja", "en")) {
      Messages m = words.get(lang);
      browser.get(rig.url("/console"));
      chromium.waitUntil(d -> d.getTitle().startsWith(m.t("signin.title")) || switchTo(lang));
      chromium.waitUntil(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
      check(lang, "signin");
      signIn("librarian", "not-the-password");
      chromium.waitUntil(d -> d.findElement(By.className("flash")).getText().startsWith(m.t("signin.failed", 5, 15).substring(0, 10)));
      check(lang, "signin-failed");
      signIn("librarian", ConsoleRig.PASSWORD);
      chromium.waitUntil(d -> d.getTitle().startsWith(m.t("home.title")));
      check(lang, "home");
      browser.get(rig.url("/console/kiosk-money"));
      chromium.waitUntil(d -> d.getTitle().startsWith(m.t("error.title")));
      assertEquals(m.t("error.forbidden"), browser.findElement(By.cssSelector("main .no")).getText());
      check(lang, "forbidden");
      browser.findElement(By.id("signout")).click();
      chromium.waitUntil(d -> d.findElement(By.className("flash")).getText().equals(m.t("signin.signedOut")));
    }
  }

  /** On a page in the other language: presses the language button (true once pressed, to go on waiting). */
  private static boolean switchTo(String lang) {
    var button = browser.findElements(By.id("lang-" + lang));
    if (!button.isEmpty()) button.getFirst().click();
    return false;
  }

  private static void signIn(String user, String password) {
    browser.findElement(By.id("user")).clear();
    browser.findElement(By.id("user")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("signin")).click();
  }

  private static void check(String lang, String what) {
    chromium.screenshot("console-" + lang + "-" + what);
    chromium.assertAccessible("console " + what + " (" + lang + ")");
  }
}
