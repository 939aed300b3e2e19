package jp.mynaterm.hub.pki;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.console.ConsoleRig;
import jp.mynaterm.hub.web.HubWeb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrollment by approval, end to end over HTTP: a device asks with its CSR and shows a code, the same
 * code is in the console for an administrator, who approves (the device gets a certificate that chains
 * to the CA, for its own key, naming it) or refuses (the device is told); unanswered requests expire.
 */
class TerminalEnrollmentTest {
  @TempDir static Path dir;
  static TerminalPki pki;
  static ConsoleRig rig;
  static HubWeb desk;
  static final Duration WAIT = jp.mynaterm.config.ConsoleSettings.DEFAULT.enrollmentWait();

  @BeforeAll
  static void start() throws Exception {
    rig = new ConsoleRig(dir.resolve("hub"), (db, clock) -> {
      pki = TerminalPki.init(dir.resolve("pki"), "212075", "hub-1", List.of(), clock);
      return List.of(new EnrollmentSection(pki));
    });
    desk = HubWeb.start(new HttpSettings("127.0.0.1", 0), List.of(new EnrollmentDesk(pki, WAIT)::routes)).orElseThrow();
  }

  /** Signed in afresh: a test moves the clock past a session's life. */
  static ConsoleRig.Browser admin() throws Exception {
    var admin = rig.browser();
    admin.signIn("admin", ConsoleRig.PASSWORD);
    return admin;
  }

  @AfterAll
  static void stop() {
    desk.close();
    rig.close();
  }

  /** The device's side in the background, as {@code agent enroll} runs it; the code it shows lands in {@code code}. */
  static CompletableFuture<X509Certificate> device(String terminal, Role role, AtomicReference<String> code) {
    var client = new EnrollmentClient(URI.create("http://127.0.0.1:" + desk.port()), Duration.ofMillis(20), Duration.ofMillis(200));
    return CompletableFuture.supplyAsync(() -> {
      try {
        return client.enroll(terminal, role, dir.resolve("devices").resolve(terminal), null, code::set);
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
  }

  static PendingEnrollment waiting(String terminal, AtomicReference<String> code) {
    await().atMost(Duration.ofSeconds(10)).until(() -> code.get() != null);
    return await().atMost(Duration.ofSeconds(10)).until(() -> pki.pending().stream().filter(r -> r.terminal().equals(terminal)).findFirst(), java.util.Optional::isPresent).get();
  }

  @Test
  void approvedDeviceGetsACertificateForItsKeyWithTheRoleStaffChose() throws Exception {
    var admin = admin();
    var code = new AtomicReference<String>();
    var device = device("kiosk-9", Role.KIOSK, code);
    PendingEnrollment r = waiting("kiosk-9", code);
    String page = admin.get("/console/enrollment").body();
    assertTrue(page.contains("kiosk-9") && page.contains(code.get()), "the console shows the code the device shows");
    rig.assertAccessible("admin", "/console/enrollment");

    assertEquals(200, admin.post("/console/enrollment/approve", Map.of("id", r.id(), "role", "kiosk")).statusCode());
    X509Certificate cert = device.get(10, TimeUnit.SECONDS);
    cert.verify(pki.caCertificate().getPublicKey());
    assertEquals("kiosk-9", TerminalCa.commonName(cert));
    assertEquals(Role.KIOSK, pki.terminal("kiosk-9").orElseThrow().role());
    Path tls = dir.resolve("devices/kiosk-9");
    assertEquals(cert, Pem.readCertificates(tls.resolve(TerminalKeys.CERT)).get(0));
    assertEquals(pki.caCertificate(), Pem.readCertificate(tls.resolve(LocalEnrollment.CA_FILE)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(TerminalKeys.KEY))));
    assertTrue(new AuditLog(rig.db, rig.clock).entries().stream().anyMatch(e -> e.action().equals("terminal.enrolled") && e.subject().equals("kiosk-9")));
    assertFalse(admin.get("/console/enrollment").body().contains(code.get()), "decided: no longer listed");

    // Another device under an id that is enrolled (not revoked) is turned away with the reason.
    Path other = dir.resolve("other");
    var again = assertThrows(PkiRefused.class, () -> new EnrollmentClient(URI.create("http://127.0.0.1:" + desk.port()), Duration.ofMillis(20), Duration.ofMillis(20))
        .enroll("kiosk-9", Role.KIOSK, other, null, c -> {}));
    assertTrue(again.getMessage().contains("already enrolled"), again.getMessage());
  }

  @Test
  void refusedDeviceIsTold() throws Exception {
    var admin = admin();
    var code = new AtomicReference<String>();
    var device = device("library-9", Role.LIBRARY, code);
    PendingEnrollment r = waiting("library-9", code);
    admin.get("/console/enrollment");
    admin.post("/console/enrollment/refuse", Map.of("id", r.id()));
    var failure = assertThrows(ExecutionException.class, () -> device.get(10, TimeUnit.SECONDS));
    assertTrue(failure.getCause() instanceof PkiRefused && failure.getCause().getMessage().contains("refused"), String.valueOf(failure.getCause()));
    assertTrue(pki.terminal("library-9").isEmpty(), "no certificate issued");
    assertFalse(Files.exists(dir.resolve("devices/library-9").resolve(TerminalKeys.KEY)), "the refused key is gone: asking again makes a new one");
    assertTrue(new AuditLog(rig.db, rig.clock).entries().stream().anyMatch(e -> e.action().equals("terminal.refused") && e.subject().equals("library-9")));
  }

  @Test
  void unansweredRequestExpires() throws Exception {
    var code = new AtomicReference<String>();
    var device = device("taxi-9", Role.TAXI, code);
    waiting("taxi-9", code);
    rig.clock.step(WAIT.plusMinutes(1));
    var failure = assertThrows(ExecutionException.class, () -> device.get(10, TimeUnit.SECONDS));
    assertTrue(failure.getCause().getMessage().contains("expired"), String.valueOf(failure.getCause()));
    assertFalse(admin().get("/console/enrollment").body().contains("taxi-9"));
  }

  @Test
  void onlyAdministratorsWithTheFormsTokenDecide() throws Exception {
    var admin = admin();
    var librarian = rig.browser();
    librarian.signIn("librarian", ConsoleRig.PASSWORD);
    assertEquals(403, librarian.get("/console/enrollment").statusCode());
    assertEquals(403, librarian.post("/console/enrollment/approve", Map.of("id", "x", "role", "kiosk")).statusCode());
    admin.get("/console/enrollment");
    assertEquals(403, admin.postExactly("/console/enrollment/approve", Map.of("id", "x", "role", "kiosk")).statusCode(), "no CSRF token");
  }
}
