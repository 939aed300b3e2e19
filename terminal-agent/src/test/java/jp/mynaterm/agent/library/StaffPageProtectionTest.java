package jp.mynaterm.agent.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import jp.mynaterm.agent.counter.PageClient;
import jp.mynaterm.agent.counter.PageGuard;
import jp.mynaterm.agent.counter.PinAttempts;
import jp.mynaterm.agent.counter.StaffSignIn;
import jp.mynaterm.agent.counter.VirtualCounterCards;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staff page refuses what does not come from its own page and its signed-in staff: cross-site
 * posts spend no PIN try, a re-pointed host name reads nothing, sign-in locks after wrong passwords.
 */
class StaffPageProtectionTest {
  private static final String REGISTER = "{\"patron\":\"P-7781\"}";
  /** One test PKI for the class: its keys are made once. */
  @TempDir static Path pki;
  @TempDir Path dir;
  private LibraryCounterRig rig;

  @BeforeEach
  void start() throws Exception {
    rig = new LibraryCounterRig(dir, pki, true);
  }

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  private int triesLeftAfterAWrongPin() throws Exception {
    var answer = rig.register("P-7781", "9999");
    assertTrue(answer.key().startsWith("card.wrongPin"), answer.body().toString());
    return answer.body().path("args").get(0).asInt();
  }

  @Test
  void crossSitePostsAreRefusedAndSpendNoPinTry() throws Exception {
    rig.signIn();
    rig.put(0);
    int before = triesLeftAfterAWrongPin();
    String token = rig.page.token();
    // A form on another site (text/plain needs no preflight), with and without the browser's Origin.
    assertEquals(403, rig.page.send("POST", "/api/register", REGISTER, Map.of("Content-Type", "text/plain", "Origin", "http://evil.example")).status());
    assertEquals(415, rig.page.send("POST", "/api/register", REGISTER, Map.of("Content-Type", "text/plain")).status());
    // Even as JSON and with the token, another origin or a cross-site fetch is refused.
    assertEquals(403, rig.page.send("POST", "/api/register", REGISTER,
        Map.of("Content-Type", "application/json", PageGuard.TOKEN_HEADER, token, "Origin", "http://evil.example")).status());
    assertEquals(403, rig.page.send("POST", "/api/register", REGISTER,
        Map.of("Content-Type", "application/json", PageGuard.TOKEN_HEADER, token, "Sec-Fetch-Site", "cross-site")).status());
    // Without the page's token (another page cannot read it) nothing happens either.
    var noToken = rig.page.send("POST", "/api/register", REGISTER, Map.of("Content-Type", "application/json"));
    assertEquals(403, noToken.status());
    assertTrue(noToken.body().path("error").asText().contains("token"), noToken.body().toString());
    // The resident PIN page, which needs no sign-in, is as closed to other sites and pages.
    rig.post("/api/register", REGISTER);
    String pin = "{\"pin\":\"9999\"}";
    assertEquals(403, rig.resident.send("POST", "/api/pin", pin, Map.of("Content-Type", "text/plain", "Origin", "http://evil.example")).status());
    assertEquals(403, rig.resident.send("POST", "/api/pin", pin, Map.of("Content-Type", "application/json")).status(), "no token");
    assertEquals(403, rig.resident.send("POST", "/api/pin", pin, Map.of("Content-Type", "application/json", PageGuard.TOKEN_HEADER, token)).status(),
        "the staff page's token is not the resident page's");
    rig.post("/api/pin/cancel", "{}");
    assertEquals(before - 1, triesLeftAfterAWrongPin(), "only the page's own two attempts spent tries");
    assertTrue(rig.events.isEmpty());
  }

  @Test
  void aForeignHostNameIsRefusedSoRebindingReadsNothing() throws Exception {
    rig.signIn();
    String answer = raw("GET /api/pending HTTP/1.1\r\nHost: evil.example:" + rig.server.port() + "\r\n" + PageGuard.TOKEN_HEADER + ": " + rig.page.token()
        + "\r\nConnection: close\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 421"), answer);
    String page = raw("GET / HTTP/1.1\r\nHost: rebound.example\r\nConnection: close\r\n\r\n");
    assertTrue(page.startsWith("HTTP/1.1 421") && !page.contains(rig.page.token()), "the page and its token stay hidden: " + page);
    assertTrue(raw("GET / HTTP/1.1\r\nHost: localhost:" + rig.server.port() + "\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
  }

  @Test
  void everyPageAnswerForbidsFramingAndSniffing() throws Exception {
    String page = raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").toLowerCase();
    assertTrue(page.contains("x-content-type-options: nosniff"), page);
    assertTrue(page.contains("frame-ancestors 'none'") && page.contains("default-src 'self'"), page);
  }

  @Test
  void nothingChangesOrShowsWithoutSignIn() throws Exception {
    rig.put(0);
    assertEquals(401, rig.post("/api/register", "{\"patron\":\"P-7781\"}").status());
    assertEquals("pin.noRequest", rig.resident.post("/api/pin", "{\"pin\":\"1234\"}").key(), "no PIN is taken unless staff asked for one");
    assertEquals(401, rig.post("/api/lookup", "{}").status());
    assertEquals(401, rig.post("/api/drain", "{}").status());
    assertEquals(401, rig.get("/api/pending").status());
    assertEquals(200, rig.get("/api/messages?lang=en").status(), "the page's words need no sign-in");
    assertTrue(rig.events.isEmpty());
    assertEquals("signin.done", rig.signIn().key());
    assertEquals("register.done", rig.register("P-7781", "1234").key());
    rig.post("/api/signout", "{}");
    assertEquals(401, rig.post("/api/lookup", "{}").status());
  }

  @Test
  void repeatedWrongPasswordsLockTheAccount() throws Exception {
    for (int i = 0; i < StaffSignIn.MAX_FAILURES; i++) {
      var wrong = rig.page.signIn(VirtualCounterCards.STAFF, "wrong-password-" + i);
      assertEquals("signin.wrong", wrong.key());
      assertEquals(401, wrong.status());
    }
    var locked = rig.signIn();
    assertEquals("signin.locked", locked.key(), "the right password does not open a locked account");
    assertEquals(401, rig.get("/api/pending").status());
    assertEquals("signin.wrong", rig.page.signIn("nobody", "whatever-password").key(), "an unknown user is told the same as a wrong password");
  }

  @Test
  void pinSpendingRequestsAreLimitedPerMinute() throws Exception {
    rig.signIn();
    for (int i = 0; i < PinAttempts.PER_MINUTE; i++) assertEquals("card.none", rig.post("/api/register", REGISTER).key(), "no card on the reader");
    var refused = rig.post("/api/register", REGISTER);
    assertEquals(429, refused.status());
    assertEquals("pin.tooMany", refused.key());
  }

  /** One raw HTTP exchange: the JDK client will not send a Host of our choosing. */
  private String raw(String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), rig.server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
