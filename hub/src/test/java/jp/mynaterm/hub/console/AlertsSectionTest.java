package jp.mynaterm.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.downlink.AlertsSection;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.AlertAcknowledged;
import jp.mynaterm.protocol.message.Alert;
import jp.mynaterm.protocol.message.AlertPriority;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.time.TerminalClock;
import jp.mynaterm.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The console's alerts page: an administrator sends an alert in the three required languages to
 * chosen terminals (audited), sees per terminal who has shown it and who has not yet, and withdraws
 * it; a librarian reads the list but sends nothing; the page passes axe in both languages.
 */
class AlertsSectionTest {
  @TempDir static Path dir;
  static Database db;
  static Downlink downlink;
  static ConsoleRig rig;

  @BeforeAll
  static void start() throws Exception {
    db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null));
    downlink = new Downlink(db, new Topics("212075"), new MessageFactory("212075", "hub-1", TerminalClock.system()), new MessageCodec());
    rig = new ConsoleRig(dir, List.of(new AlertsSection(downlink, java.time.Clock.systemUTC())));
  }

  @AfterAll
  static void stop() {
    if (rig != null) rig.close();
    if (db != null) db.close();
  }

  @Test
  void anAdministratorSendsSeesWhoHasShownItAndWithdrawsIt() throws Exception {
    var admin = rig.browser();
    admin.signIn("admin", ConsoleRig.PASSWORD);
    admin.get("/console/alerts");
    var refused = admin.post("/console/alerts/send", Map.of("text-ja", "避難してください", "text-en", "Please evacuate", "to", "all", "severity", "emergency",
        "priority", "high", "expires", "1h"));
    assertTrue(refused.body().contains("どれも必須"), "easy Japanese is required");
    assertTrue(downlink.alerts().list(10).isEmpty());

    var sent = admin.post("/console/alerts/send", Map.of("text-ja", "川があふれそうです。避難してください", "text-ja-easy", "かわの みずが あふれそうです。にげて ください",
        "text-en", "The river may flood. Please evacuate.", "text-vi", "Sông có thể tràn. Hãy sơ tán.", "to", "chosen", "terminals", "kiosk-1, kiosk-2",
        "severity", "emergency", "priority", "high", "expires", "1h"));
    assertEquals(200, sent.statusCode());
    Alert alert = downlink.alerts().list(10).getFirst().alert();
    assertEquals(List.of("kiosk-1", "kiosk-2"), alert.targets().terminals());
    assertEquals(AlertPriority.HIGH, alert.priority());
    assertEquals("Sông có thể tràn. Hãy sơ tán.", alert.text().get("vi"), "an optional language goes too");
    AuditLog.Entry audited = new AuditLog(db, rig.clock).entries().getLast();
    assertEquals(List.of("admin", "alert.sent", alert.alertId()), List.of(audited.actor(), audited.action(), audited.subject()));

    downlink.alerts().acknowledge(alert.alertId(), "kiosk-1", AlertAcknowledged.Stage.SHOWN, Instant.now());
    String page = admin.get("/console/alerts").body();
    assertTrue(page.contains("<tr data-terminal=\"kiosk-1\"><td>kiosk-1</td><td class=\"yes\">表示 "), page);
    assertTrue(page.contains("<tr data-terminal=\"kiosk-2\"><td>kiosk-2</td><td class=\"no\">まだ</td>"), "kiosk-2 has not shown it");
    assertTrue(page.contains("表示した端末 1 / 2"));

    var librarian = rig.browser();
    librarian.signIn("librarian", ConsoleRig.PASSWORD);
    String read = librarian.get("/console/alerts").body();
    assertTrue(read.contains(alert.alertId()) && !read.contains("/console/alerts/send"), "a librarian reads the list and gets no form");
    assertEquals(403, librarian.post("/console/alerts/cancel", Map.of("id", alert.alertId())).statusCode());

    admin.get("/console/alerts");
    admin.post("/console/alerts/cancel", Map.of("id", alert.alertId()));
    assertTrue(downlink.alerts().active(Instant.now()).isEmpty(), "withdrawn");
    assertEquals("alert.withdrawn", new AuditLog(db, rig.clock).entries().getLast().action());
  }

  @Test
  void thePagePassesAxeInBothLanguages() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(1280, 1600)) {
      var browser = chromium.driver();
      browser.get(rig.url("/console/signin"));
      browser.findElement(By.id("user")).sendKeys("admin");
      browser.findElement(By.id("password")).sendKeys(ConsoleRig.PASSWORD);
      browser.findElement(By.id("signin")).click();
      chromium.waitUntil(d -> d.findElements(By.id("signout")).size() == 1);
      for (String lang : List.of("ja", "en")) {
        browser.get(rig.url("/console/alerts"));
        if (!lang.equals(browser.findElement(By.tagName("html")).getAttribute("lang"))) browser.findElement(By.id("lang-" + lang)).click();
        chromium.waitUntil(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")) && d.findElements(By.id("send")).size() == 1);
        chromium.screenshot("console-alerts-" + lang);
        chromium.assertAccessible("console alerts (" + lang + ")");
      }
    }
  }
}
