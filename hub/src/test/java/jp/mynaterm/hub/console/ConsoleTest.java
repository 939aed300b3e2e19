package jp.mynaterm.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.protocol.staff.StaffRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's shell as staff rely on it: who may open what, CSRF, lockout, sessions that end, the audit log. */
class ConsoleTest {
  @TempDir static Path dir;
  static ConsoleRig rig;
  /** Times the kiosk section's action ran: a refused request must not reach it. */
  static final AtomicInteger actions = new AtomicInteger();

  /** A section only kiosk staff may open, as a section about kiosk money would be. */
  static final ConsoleSection KIOSK_MONEY = new ConsoleSection() {
    @Override
    public String id() {
      return "kiosk-money";
    }

    @Override
    public String titleKey() {
      return "kiosk-money.title";
    }

    @Override
    public Set<StaffRole> roles() {
      return Set.of(StaffRole.KIOSK_STAFF);
    }

    @Override
    public void routes(ConsoleRoutes routes) {
      routes.get("", r -> r.ctx().result("takings: 12,500 yen"));
      routes.post("/close-day", r -> {
        actions.incrementAndGet();
        r.redirect("/console/kiosk-money", "closed");
      });
    }
  };

  @BeforeAll
  static void start() throws Exception {
    rig = new ConsoleRig(dir, List.of(KIOSK_MONEY));
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @Test
  void aLibrarianCannotOpenKioskPagesAndDoesNotSeeThemListed() throws Exception {
    var anonymous = rig.browser();
    var page = anonymous.get("/console/kiosk-money");
    assertEquals(rig.url("/console/signin"), page.uri().toString(), "signed out: to the sign-in page");
    assertFalse(page.body().contains("12,500"));

    var librarian = rig.browser();
    var home = librarian.signIn("librarian", ConsoleRig.PASSWORD);
    assertEquals(200, home.statusCode());
    assertFalse(home.body().contains("/console/kiosk-money"), "no link to what the librarian may not open");
    var refused = librarian.get("/console/kiosk-money");
    assertEquals(403, refused.statusCode());
    assertFalse(refused.body().contains("12,500"));
    assertEquals(403, librarian.post("/console/kiosk-money/close-day", Map.of()).statusCode());

    var kiosk = rig.browser();
    assertTrue(kiosk.signIn("kiosk", ConsoleRig.PASSWORD).body().contains("/console/kiosk-money"));
    assertEquals("takings: 12,500 yen", kiosk.get("/console/kiosk-money").body());
    var admin = rig.browser();
    admin.signIn("admin", ConsoleRig.PASSWORD);
    assertEquals(200, admin.get("/console/kiosk-money").statusCode(), "administrators open every section");
  }

  @Test
  void aPostWithoutTheSessionsCsrfTokenIsRefusedAndAnActionIsAudited() throws Exception {
    var kiosk = rig.browser();
    kiosk.signIn("kiosk", ConsoleRig.PASSWORD);
    int before = actions.get();
    assertEquals(403, kiosk.postExactly("/console/kiosk-money/close-day", Map.of()).statusCode(), "no token");
    assertEquals(403, kiosk.postExactly("/console/kiosk-money/close-day", Map.of("csrf", "forged")).statusCode(), "another token");
    assertEquals(403, kiosk.postExactly("/console/signout", Map.of()).statusCode(), "signing out needs it too");
    assertEquals(before, actions.get(), "the action never ran");

    kiosk.get("/console");
    var done = kiosk.post("/console/kiosk-money/close-day", Map.of());
    assertEquals(200, done.statusCode());
    assertEquals(before + 1, actions.get());
    AuditLog.Entry last = new AuditLog(rig.db, rig.clock).entries().getLast();
    assertEquals(List.of("kiosk", "console.action", "/console/kiosk-money/close-day"), List.of(last.actor(), last.action(), last.subject()),
        "an action the section did not record itself is recorded by the shell");
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
    assertEquals(200, kiosk.get("/console/kiosk-money").statusCode(), "14 minutes idle: still signed in");
    rig.clock.step(Duration.ofMinutes(15));
    var expired = kiosk.get("/console/kiosk-money");
    assertEquals(rig.url("/console/signin"), expired.uri().toString(), "15 minutes idle: signed out");
    assertTrue(expired.body().contains("一定時間操作がなかった"), "and told why");

    kiosk.signIn("kiosk", ConsoleRig.PASSWORD);
    for (int i = 0; i < 8 * 6 - 1; i++) {
      rig.clock.step(Duration.ofMinutes(10));
      assertEquals(200, kiosk.get("/console/kiosk-money").statusCode(), "busy all day: still signed in");
    }
    rig.clock.step(Duration.ofMinutes(10));
    assertEquals(rig.url("/console/signin"), kiosk.get("/console/kiosk-money").uri().toString(), "8 hours after sign-in: signed out");
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
    Map<String, Messages> m = Messages.load(List.of(Messages.SHELL));
    assertFalse(m.get("ja").keys().isEmpty());
    assertEquals(m.get("ja").keys(), m.get("en").keys());
  }
}
