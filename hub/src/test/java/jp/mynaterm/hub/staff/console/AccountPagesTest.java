package jp.mynaterm.hub.staff.console;

import jp.mynaterm.hub.passkey.Passkeys;
import jp.mynaterm.hub.passkey.SoftwareAuthenticator;
import jp.mynaterm.hub.staff.StaffAccounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.console.ConsoleRig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Console §1: administrators manage accounts, everyone their own password and passkeys. */
class AccountPagesTest {
  static ConsoleRig rig;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    rig = ConsoleRig.shared();
  }

  @Test
  void anAdministratorCreatesResetsAndDisablesAnAccountWhichSignsInAndOutAccordingly() throws Exception {
    var admin = rig.browser();
    admin.signIn("admin", ConsoleRig.PASSWORD);
    admin.get("/console/accounts");
    var created = admin.post("/console/accounts/create", Map.of("user", "librarian-2", "name", "図書 次郎", "role", "library"));
    String first = shownPassword(created.body(), "librarian-2");

    var librarian = rig.browser();
    assertEquals(rig.url("/console"), librarian.signIn("librarian-2", first).uri().toString(), "the first password signs in");
    assertEquals(403, librarian.get("/console/accounts").statusCode(), "only administrators manage accounts");

    String reset = shownPassword(admin.post("/console/accounts/reset", Map.of("user", "librarian-2")).body(), "librarian-2");
    assertEquals(rig.url("/console/signin"), librarian.get("/console/account").uri().toString(), "a reset signs the person out");
    assertEquals(401, librarian.signIn("librarian-2", first).statusCode(), "the old password is gone");
    librarian.signIn("librarian-2", reset);

    admin.post("/console/accounts/disable", Map.of("user", "librarian-2"));
    assertEquals(rig.url("/console/signin"), librarian.get("/console/account").uri().toString(), "disabled: out at once");
    assertEquals(401, librarian.signIn("librarian-2", reset).statusCode());

    List<AuditLog.Entry> changes = new AuditLog(rig.db, rig.clock).entries().stream().filter(e -> e.subject().equals("librarian-2") && !e.action().startsWith("staff.signin")).toList();
    assertEquals(List.of("staff.add", "staff.password", "staff.disable"), changes.stream().map(AuditLog.Entry::action).toList());
    assertTrue(changes.stream().allMatch(e -> e.actor().equals("admin")), "the administrator is named in each entry");
  }

  @Test
  void anAdministratorUnlocksAndEveryoneChangesTheirOwnPassword() throws Exception {
    rig.staff.add("nurse-1", "受付", java.util.Set.of(jp.mynaterm.protocol.staff.StaffRole.HOSPITAL), ConsoleRig.PASSWORD);
    var nurse = rig.browser();
    for (int i = 0; i < StaffAccounts.MAX_FAILURES; i++) nurse.signIn("nurse-1", "wrong-password");
    assertEquals(401, nurse.signIn("nurse-1", ConsoleRig.PASSWORD).statusCode(), "locked");
    var admin = rig.browser();
    admin.signIn("admin", ConsoleRig.PASSWORD);
    assertTrue(admin.get("/console/accounts").body().contains("/console/accounts/unlock"), "the locked account offers an unlock");
    admin.post("/console/accounts/unlock", Map.of("user", "nurse-1"));
    assertEquals(rig.url("/console"), nurse.signIn("nurse-1", ConsoleRig.PASSWORD).uri().toString());

    nurse.get("/console/account");
    var wrong = nurse.post("/console/account/password", Map.of("current", "not-it-at-all", "next", "a-new-password-1", "again", "a-new-password-1"));
    assertTrue(wrong.body().contains("今のパスワードが違います"));
    var done = nurse.post("/console/account/password", Map.of("current", ConsoleRig.PASSWORD, "next", "a-new-password-1", "again", "a-new-password-1"));
    assertTrue(done.body().contains("パスワードを変更しました"));
    assertTrue(rig.staff.signIn("nurse-1", "a-new-password-1"), "the new password is the account's");
  }

  @Test
  void aRegisteredPasskeySignsInAndACopiedOneIsRefused() throws Exception {
    var kiosk = rig.browser();
    kiosk.signIn("kiosk", ConsoleRig.PASSWORD);
    assertTrue(kiosk.get("/console/account").body().contains("src=\"/console/passkeys.js\"") && kiosk.get("/console/passkeys.js").body().contains("navigator.credentials.create"),
        "the page runs the hub's one passkey script");
    var options = JSON.readTree(kiosk.postJson("/console/account/passkeys/options", "{}").body());
    assertEquals("localhost", options.at("/rp/id").asText());
    var authenticator = new SoftwareAuthenticator("localhost", ConsoleRig.ORIGIN);
    var answer = authenticator.create(Passkeys.fromBase64url(options.get("challenge").asText()), Passkeys.fromBase64url(options.at("/user/id").asText()));
    assertEquals(200, kiosk.postJson("/console/account/passkeys", JSON.writeValueAsString(answer)).statusCode());
    assertEquals(400, kiosk.postJson("/console/account/passkeys", JSON.writeValueAsString(answer)).statusCode(), "a challenge answers once");
    assertTrue(kiosk.get("/console/account").body().contains("テスト端末"), "listed on the account page");

    var elsewhere = rig.browser();
    assertEquals(200, passkeySignIn(elsewhere, authenticator, 0).statusCode());
    assertTrue(elsewhere.get("/console").body().contains("kiosk"), "signed in as the passkey's owner");
    AuditLog.Entry last = new AuditLog(rig.db, rig.clock).entries().getLast();
    assertEquals(List.of("staff.signin", "kiosk", "passkey"), List.of(last.action(), last.subject(), last.detail()));

    long seen = authenticator.counter;
    authenticator.counter = seen - 1; // a copy of the authenticator, behind the original's counter
    assertEquals(401, passkeySignIn(rig.browser(), authenticator, 0).statusCode(), "a counter that went back: a cloned authenticator");
    assertEquals(401, passkeySignIn(rig.browser(), authenticator, 1).statusCode(), "a signature over other data");
  }

  /** The sign-in page's passkey ceremony; {@code tamper} 1 flips a byte of the signed client data. */
  private static java.net.http.HttpResponse<String> passkeySignIn(ConsoleRig.Browser browser, SoftwareAuthenticator authenticator, int tamper) throws Exception {
    browser.get("/console/signin");
    var options = JSON.readTree(browser.postJson("/console/signin/passkey/options", "{}").body());
    Map<String, String> answer = new java.util.HashMap<>(authenticator.get(Passkeys.fromBase64url(options.get("challenge").asText())));
    if (tamper == 1) {
      byte[] data = Passkeys.fromBase64url(answer.get("authenticatorData"));
      data[data.length - 1] ^= 1;
      answer.put("authenticatorData", Passkeys.base64url(data));
    }
    return browser.postJson("/console/signin/passkey", JSON.writeValueAsString(answer));
  }

  private static String shownPassword(String page, String user) {
    Matcher m = Pattern.compile(Pattern.quote(user) + "[^：:]*[：:]\\s*([A-Za-z0-9_-]{20})").matcher(page);
    assertTrue(m.find(), "the page shows the new password once");
    assertFalse(page.contains("password_hash"));
    return m.group(1);
  }
}
