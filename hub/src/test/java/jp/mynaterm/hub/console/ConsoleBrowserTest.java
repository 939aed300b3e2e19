package jp.mynaterm.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import jp.mynaterm.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The console in headless Chromium, clicked through as staff would, in Japanese and then English;
 * axe-core checks every page (0 serious or critical), the development ribbon included. With
 * {@code -Dconsole.screenshots=DIR} the Japanese pages are also kept in DIR (hub/docs/console).
 */
class ConsoleBrowserTest {
  static ConsoleRig rig;
  static HeadlessChromium chromium;
  static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    rig = ConsoleRig.shared();
    jp.mynaterm.hub.workqueue.WorkQueuesTest.seed(rig); // the queues' pages with something in them
    chromium = HeadlessChromium.start(1280, 900);
    browser = chromium.driver();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) chromium.close();
  }

  /** Path, title key, screenshot name of each page an administrator sees. */
  private static final String[][] ADMIN_PAGES = {
      {"/console/accounts", "accounts.title", "accounts"}, {"/console/account", "account.title", "account"},
      {"/console/queues", "queues.title", "queues"}, {"/console/queues/staff-alerts", "queues.staff-alerts", "queue-staff-alerts"},
      {"/console/queues/kiosk-requests", "queues.kiosk-requests", "queue-kiosk-requests"}, {"/console/opendata", "opendata.title", "opendata"}};

  @Test
  void everyPageInBothLanguages() throws IOException {
    for (String lang : List.of("ja", "en")) {
      Messages m = rig.console.messages(lang);
      browser.get(rig.url("/console"));
      chromium.waitUntil(d -> d.getTitle().startsWith(m.t("signin.title")) || switchTo(lang));
      chromium.waitUntil(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
      check(lang, "signin");
      signIn("librarian", "not-the-password");
      chromium.waitUntil(d -> d.findElement(By.className("flash")).getText().startsWith(m.t("signin.failed", 5, 15).substring(0, 10)));
      check(lang, "signin-failed");
      signIn("librarian", ConsoleRig.PASSWORD);
      signedIn();
      open("/console", m.t("home.title"));
      check(lang, "home");
      open("/console/queues/kiosk-requests", m.t("error.title"));
      assertEquals(m.t("error.forbidden"), browser.findElement(By.cssSelector("main .no")).getText(), "a librarian never sees the kiosks' requests");
      check(lang, "forbidden");
      signOut(m);
      signIn("admin", ConsoleRig.PASSWORD);
      signedIn();
      for (String[] p : ADMIN_PAGES) {
        open(p[0], m.t(p[1]));
        check(lang, p[2]);
      }
      signOut(m);
    }
  }

  private static void open(String path, String title) {
    browser.get(rig.url(path));
    chromium.waitUntil(d -> d.getTitle().startsWith(title));
  }

  private static void signOut(Messages m) {
    browser.findElement(By.id("signout")).click();
    chromium.waitUntil(d -> d.findElement(By.className("flash")).getText().equals(m.t("signin.signedOut")));
  }

  /** On a page in the other language: presses the language button (false, to go on waiting for the page). */
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

  /**
   * Waits for the page the sign-in leads to: a page asked for before it has come could be replaced by it
   * (the next page then showed Home).
   */
  private static void signedIn() {
    chromium.waitUntil(d -> !d.findElements(By.id("signout")).isEmpty());
  }

  private static void check(String lang, String what) throws IOException {
    String name = "console-" + lang + "-" + what;
    chromium.screenshot(name);
    String docs = System.getProperty("console.screenshots");
    if (docs != null && lang.equals("ja")) {
      Files.createDirectories(Path.of(docs));
      Files.copy(HeadlessChromium.SHOTS.resolve(name + ".png"), Path.of(docs, what + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
    chromium.assertAccessible("console " + what + " (" + lang + ")");
  }
}
