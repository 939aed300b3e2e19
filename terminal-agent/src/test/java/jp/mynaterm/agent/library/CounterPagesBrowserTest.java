package jp.mynaterm.agent.library;

import jp.mynaterm.testsupport.HeadlessChromium;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.mynaterm.agent.counter.CounterPage;
import jp.mynaterm.agent.counter.VirtualCounterCards;
import jp.mynaterm.agent.hospital.QueueNumbers;
import jp.mynaterm.agent.hospital.Reception;
import jp.mynaterm.agent.hospital.ReceptionServer;
import jp.mynaterm.protocol.staff.StaffRole;
import jp.mynaterm.agent.members.MemberIndex;
import jp.mynaterm.hardware.escpos.PaperWidth;
import jp.mynaterm.hardware.escpos.SlipFilePrinter;
import jp.mynaterm.hardware.print.FilePrinter;
import jp.mynaterm.protocol.event.HospitalCheckIn;
import jp.mynaterm.protocol.event.TapRefused;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The counter pages in headless Chromium. The library staff page (Debian's chromium + chromium-driver), used as library staff
 * would: register a card, look the patron up, lend online, lend while the library system is down,
 * send the queue once it is back; the hospital reception page: go to the counter, then a number. axe-core checks each state; screenshots go to target/screenshots/.
 */
class CounterPagesBrowserTest {
  private static final String PAGE = "/jp/mynaterm/agent/library/web";

  private static HeadlessChromium chromium;
  private static WebDriver browser;
  @TempDir Path dir;
  private int shot;

  @BeforeAll
  static void startBrowser() throws Exception {
    chromium = HeadlessChromium.start(1280, 1400);
    browser = chromium.driver();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) chromium.close();
  }

  @Test
  void registerLookUpLendOnlineAndOfflineThenSendTheQueue() throws Exception {
    try (LibraryCounterRig rig = new LibraryCounterRig(dir, true)) {
      Map<String, String> ja = CounterPage.messages(PAGE, "ja");
      browser.get(rig.url());
      waitUntil(d -> "ja".equals(d.findElement(By.tagName("html")).getAttribute("lang")) && d.getTitle().equals(ja.get("title")));
      check("signin");
      assertFalse(browser.findElement(By.id("register")).isDisplayed(), "nothing to do before staff sign in");
      signIn("not-the-password");
      waitForMessage(ja.get("signin.wrong"));
      signIn(VirtualCounterCards.STAFF_PASSWORD);
      waitForMessage(text(ja, "signin.done", VirtualCounterCards.STAFF));
      waitUntil(d -> d.findElement(By.id("register")).isDisplayed());
      check("start");

      rig.put(0);
      assertTrue(browser.findElements(By.id("pin")).isEmpty(), "the staff page has no PIN field");
      type("patron", "P-7781");
      browser.findElement(By.id("register")).click();
      waitForMessage(text(ja, "pin.waiting", 3));
      typeOnResidentPage(rig.server.residentPort(), "1234", 3, text(ja, "register.done", "P-7781"));
      waitForMessage(text(ja, "register.done", "P-7781"));

      browser.findElement(By.id("lookup")).click();
      waitUntil(d -> d.findElement(By.id("found-patron")).getText().equals("P-7781"));
      check("found");

      type("item", "9784000000001");
      browser.findElement(By.id("checkout")).click();
      waitUntil(d -> d.findElement(By.id("message")).getText().startsWith(text(ja, "checkout.done", "吾輩は猫である", "")));
      assertEquals("P-7781", rig.library.loans.get("9784000000001"));

      rig.libraryDown();
      type("item", "9784000000002");
      browser.findElement(By.id("checkout")).click();
      String queued = ja.get("checkout.queued");
      waitUntil(d -> d.findElement(By.id("message")).getText().startsWith(queued.substring(0, queued.indexOf('{'))));
      waitUntil(d -> d.findElement(By.id("pending-rows")).getText().contains("9784000000002"));
      check("queued");

      rig.libraryBack();
      browser.findElement(By.id("drain")).click();
      waitForMessage(text(ja, "drain.done", 1));
      waitUntil(d -> d.findElement(By.id("pending-empty")).isDisplayed());
      assertEquals("P-7781", rig.library.loans.get("9784000000002"));
      check("drained");

      browser.findElement(By.id("lang-en")).click();
      Map<String, String> en = CounterPage.messages(PAGE, "en");
      waitUntil(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")) && d.getTitle().equals(en.get("title")));
      assertTrue(browser.findElement(By.tagName("main")).getText().contains(en.get("register.heading")));
      check("english");
      browser.findElement(By.id("lang-ja")).click();
    }
  }

  @Test
  void receptionPageGivesTheQueueNumberOrSendsToTheCounter() throws Exception {
    VirtualCounterCards cards = new VirtualCounterCards(dir);
    List<UsageEvent> events = new CopyOnWriteArrayList<>();
    MemberIndex patients = new MemberIndex();
    Reception reception = new Reception("美濃病院", patients, events::add, new SlipFilePrinter(new FilePrinter(dir.resolve("slips")), PaperWidth.ofMillimetres(80)),
        new QueueNumbers(dir.resolve("queue.json")), Clock.systemUTC(), ZoneId.of("Asia/Tokyo"));
    try (ReceptionServer server = new ReceptionServer(cards.reader(), cards.authentication, reception, cards.signIn(StaffRole.HOSPITAL), "127.0.0.1", 0,
        new jp.mynaterm.config.HttpSettings("127.0.0.1", 0), true)) {
      // in development mode, so axe checks the ribbon (the library page shares its markup and style) too
      Map<String, String> ja = CounterPage.messages("/jp/mynaterm/agent/hospital/web", "ja");
      browser.get("http://127.0.0.1:" + server.port() + "/");
      browser.findElement(By.id("lang-ja")).click();
      waitUntil(d -> d.getTitle().equals(ja.get("title")));
      signIn(VirtualCounterCards.STAFF_PASSWORD);
      waitUntil(d -> d.findElement(By.id("checkin")).isDisplayed());
      cards.put(0);
      browser.findElement(By.id("checkin")).click();
      typeOnResidentPage(server.residentPort(), "1234", 3, ja.get("checkin.counter.unknown"));
      waitForMessage(ja.get("checkin.counter.unknown"));
      check("reception-counter");

      patients.replace(List.of(new AllowEntry(((TapRefused) events.getFirst()).cardId(), "H-000123", "", MemberStatus.ACTIVE)), 1);
      browser.findElement(By.id("checkin")).click();
      typeOnResidentPage(server.residentPort(), "1234", 3, null);
      assertInstanceOf(HospitalCheckIn.class, awaitLast(events));
      waitForMessage(text(ja, "checkin.done", 1)); // the day's first number: the queue file is this test's own
      check("reception-number");
    }
  }

  /**
   * The resident's display (another tab): it shows the tries left, the resident types the PIN on its
   * keypad and presses OK; {@code outcome} (when given) is what it then says. Back to the staff's tab.
   */
  private void typeOnResidentPage(int port, String pin, int triesLeft, String outcome) throws java.io.IOException {
    String staff = browser.getWindowHandle();
    browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    try {
      Map<String, String> ja = CounterPage.messages("/jp/mynaterm/agent/counter", "ja");
      browser.get("http://127.0.0.1:" + port + "/");
      waitUntil(d -> d.findElement(By.id("tries")).getText().equals(text(ja, "resident.tries", triesLeft)));
      check("resident-pin");
      for (char c : pin.toCharArray()) browser.findElement(By.cssSelector("[data-digit='" + c + "']")).click();
      browser.findElement(By.id("ok")).click();
      if (outcome != null) waitForMessage(outcome);
    } finally {
      browser.close();
      browser.switchTo().window(staff);
    }
  }

  private static UsageEvent awaitLast(List<UsageEvent> events) {
    waitUntil(d -> events.getLast() instanceof HospitalCheckIn);
    return events.getLast();
  }

  private static String text(Map<String, String> texts, String key, Object... args) {
    String s = texts.get(key);
    for (int i = 0; i < args.length; i++) s = s.replace("{" + i + "}", String.valueOf(args[i]));
    return s;
  }

  private void signIn(String password) {
    type("signin-user", VirtualCounterCards.STAFF);
    type("signin-password", password);
    browser.findElement(By.id("signin-button")).click();
  }

  private void type(String id, String value) {
    var field = browser.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  private void waitForMessage(String expected) {
    waitUntil(d -> d.findElement(By.id("message")).getText().equals(expected));
  }

  private static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
    chromium.waitUntil(condition);
  }

  private void check(String what) throws java.io.IOException {
    chromium.screenshot("counter-page-" + (++shot) + "-" + what);
    chromium.assertAccessible(what);
  }
}
