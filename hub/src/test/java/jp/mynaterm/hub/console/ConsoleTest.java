package jp.mynaterm.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.protocol.staff.StaffRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's shell as staff rely on it: who may open what, CSRF, lockout, sessions that end, the audit log. */
class ConsoleTest {
  static ConsoleRig rig;
  /** A page only kiosk staff (and administrators, auditors) may open: requests with money on them. */
  static final String KIOSK_PAGE = "/console/queues/kiosk-requests";
  static final String KIOSK_ACTION = KIOSK_PAGE + "/handle";

  @BeforeAll
  static void start() throws Exception {
    rig = ConsoleRig.shared();
  }

  @Test
  void aLibrarianCannotOpenKioskPagesAndDoesNotSeeThemListed() throws Exception {
    var anonymous = rig.browser();
    assertEquals(rig.url("/console/signin"), anonymous.get(KIOSK_PAGE).uri().toString(), "signed out: to the sign-in page");

    var librarian = rig.browser();
    var home = librarian.signIn("librarian", ConsoleRig.PASSWORD);
    assertEquals(200, home.statusCode());
    assertFalse(librarian.get("/console/queues").body().contains(KIOSK_PAGE), "no link to what the librarian may not open");
    assertEquals(403, librarian.get(KIOSK_PAGE).statusCode());
    assertEquals(403, librarian.post(KIOSK_ACTION, Map.of("key", "any")).statusCode());
    assertEquals(403, librarian.get("/console/accounts").statusCode());

    var kiosk = rig.browser();
    kiosk.signIn("kiosk", ConsoleRig.PASSWORD);
    assertTrue(kiosk.get("/console/queues").body().contains(KIOSK_PAGE));
    assertEquals(200, kiosk.get(KIOSK_PAGE).statusCode());
    var admin = rig.browser();
    admin.signIn("admin", ConsoleRig.PASSWORD);
    assertEquals(200, admin.get(KIOSK_PAGE).statusCode(), "administrators open every page");
  }

  @Test
  void aPostWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
    var admin = rig.browser();
    admin.signIn("admin", ConsoleRig.PASSWORD);
    long entries = new AuditLog(rig.db, rig.clock).entries().size();
    Map<String, String> create = Map.of("user", "forged-1", "role", "administrator");
    assertEquals(403, admin.postExactly("/console/accounts/create", create).statusCode(), "no token");
    var forged = new java.util.HashMap<>(create);
    forged.put("csrf", "forged");
    assertEquals(403, admin.postExactly("/console/accounts/create", forged).statusCode(), "another token");
    assertEquals(403, admin.postExactly("/console/signout", Map.of()).statusCode(), "signing out needs it too");
    assertTrue(rig.staff.account("forged-1").isEmpty(), "no account was made");
    assertEquals(entries, new AuditLog(rig.db, rig.clock).entries().size(), "nothing happened to record");

    admin.get("/console/accounts");
    assertEquals(200, admin.post("/console/accounts/create", create).statusCode());
    assertTrue(rig.staff.account("forged-1").isPresent(), "with the page's token it is done");
  }

  @Test
  void fiveWrongPasswordsLockTheAccountAndEveryTryIsAudited() throws Exception {
    rig.staff.add("locked-out", "試験", Set.of(StaffRole.AUDITOR), ConsoleRig.PASSWORD);
    var browser = rig.browser();
    for (int i = 0; i < StaffAccounts.MAX_FAILURES; i++) {
      var wrong = browser.signIn("locked-out", "wrong-password-" + i);
      assertEquals(401, wrong.statusCode());
      assertTrue(wrong.body().contains("ロック"), "the page says that failures lock the account");
    }
    assertEquals(401, browser.signIn("locked-out", ConsoleRig.PASSWORD).statusCode(), "locked: the right password does not sign in");
    long failures = new AuditLog(rig.db, rig.clock).entries().stream()
        .filter(e -> e.action().equals("staff.signin-failed") && e.subject().equals("locked-out")).count();
    assertEquals(StaffAccounts.MAX_FAILURES + 1, failures);

    rig.clock.step(StaffAccounts.LOCKOUT);
    assertEquals(rig.url("/console"), browser.signIn("locked-out", ConsoleRig.PASSWORD).uri().toString(), "signs in once the lockout is over");
    AuditLog.Entry last = new AuditLog(rig.db, rig.clock).entries().getLast();
    assertEquals(List.of("console", "staff.signin", "locked-out"), List.of(last.actor(), last.action(), last.subject()));
  }

  @Test
  void aSessionEndsAfterItsIdleTimeAndAfterAWorkingDayWhateverHappens() throws Exception {
    var kiosk = rig.browser();
    kiosk.signIn("kiosk", ConsoleRig.PASSWORD);
    rig.clock.step(Duration.ofMinutes(14));
    assertEquals(200, kiosk.get(KIOSK_PAGE).statusCode(), "14 minutes idle: still signed in");
    rig.clock.step(Duration.ofMinutes(15));
    var expired = kiosk.get(KIOSK_PAGE);
    assertEquals(rig.url("/console/signin"), expired.uri().toString(), "15 minutes idle: signed out");
    assertTrue(expired.body().contains("一定時間操作がなかった"), "and told why");

    kiosk.signIn("kiosk", ConsoleRig.PASSWORD);
    for (int i = 0; i < 8 * 6 - 1; i++) {
      rig.clock.step(Duration.ofMinutes(10));
      assertEquals(200, kiosk.get("/console").statusCode(), "busy all day: still signed in");
    }
    rig.clock.step(Duration.ofMinutes(10));
    assertEquals(rig.url("/console/signin"), kiosk.get("/console").uri().toString(), "8 hours after sign-in: signed out");
  }

  @Test
  void theSessionCookieIsHttpOnlyStrictAndChangesAtSignIn() throws Exception {
    var browser = rig.browser();
    var before = browser.get("/console/signin").headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(before.contains("HttpOnly") && before.contains("SameSite=Strict") && before.contains("Path=/console"), before);
    assertFalse(before.contains("Secure"), "plain http on loopback: a Secure cookie would never come back");
    var after = browser.post("/console/signin", Map.of("user", "kiosk", "password", ConsoleRig.PASSWORD)).previousResponse().orElseThrow()
        .headers().firstValue("Set-Cookie").orElseThrow();
    assertFalse(after.split(";")[0].equals(before.split(";")[0]), "a new session id after sign-in");
  }

  @Test
  void bothLanguagesHaveEveryWord() {
    // every section's words too: the rig mounts the hub's sections
    assertFalse(rig.console.messages("ja").keys().isEmpty());
    assertEquals(rig.console.messages("ja").keys(), rig.console.messages("en").keys());
  }
}
