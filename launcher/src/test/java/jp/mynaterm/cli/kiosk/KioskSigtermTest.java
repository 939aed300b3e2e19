package jp.mynaterm.cli.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynaterm.agent.counter.PageGuard;
import jp.mynaterm.cli.TerminalAlone;
import jp.mynaterm.config.Role;
import jp.mynaterm.protocol.event.IssueRequestQueued;
import jp.mynaterm.protocol.issuance.IssuingSignatures;
import jp.mynaterm.testsupport.RoleProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code mynaterm kiosk} as its own process with its hub unreachable: a resident leaves a card-signed
 * request (the page's own calls), then SIGTERM; the kiosk ends within the stop limit and the queued
 * request is in its outbox, whole.
 */
@ResourceLock("vpcd")
class KioskSigtermTest {
  private static final Pattern TOKEN = Pattern.compile("name=\"mynaterm-token\" content=\"([^\"]+)\"");
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private String page;
  private String token;

  @Test
  void sigtermStopsTheKioskWithTheQueuedRequestWhole() throws Exception {
    TerminalAlone.Prepared terminal = TerminalAlone.prepare(dir, "kiosk-sigterm", Role.KIOSK);
    // The hub's public issuing key, as copied to a kiosk (nothing is issued here: the hub is down).
    Path issuingKey = dir.resolve("issuing-key.pub");
    byte[] key = KeyPairGenerator.getInstance(IssuingSignatures.ALGORITHM).generateKeyPair().getPublic().getEncoded();
    Files.writeString(issuingKey, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key) + "\n-----END PUBLIC KEY-----\n");
    int port = RoleProcess.freePort();
    Path yaml = dir.resolve("kiosk.yaml");
    Files.writeString(yaml, terminal.yamlHead() + """
        kiosk:
          ui: { host: 127.0.0.1, port: %d }
          issuingKey: "%s"
          payment: "simulator:%s"
        peripherals:
          printer: { queue: "dir:%s" }
        """.formatted(port, issuingKey, dir.resolve("payments.json"), dir.resolve("prints")));
    page = "http://127.0.0.1:" + port;

    try (RoleProcess kiosk = RoleProcess.start("kiosk", dir.resolve("kiosk.log"), "--config", yaml.toString())) {
      await("the kiosk page is up").atMost(Duration.ofMinutes(1)).until(() -> kiosk.output().contains("started: kiosk"));
      Matcher m = TOKEN.matcher(http.send(HttpRequest.newBuilder(URI.create(page + "/")).build(), HttpResponse.BodyHandlers.ofString()).body());
      token = m.find() ? m.group(1) : "";
      post("/api/language", "{\"tag\":\"ja\"}");
      post("/api/type", "{\"type\":\"juminhyo\"}");
      post("/api/options", "{\"options\":{\"scope\":\"self\"},\"copies\":1}");
      List<String> before;
      try (var card = TerminalAlone.insert(terminal.pki(), "1")) {
        try {
          await("the kiosk finds its hub down").atMost(Duration.ofMinutes(1)).until(() -> get("/api/state").contains("\"screen\":\"HubDown\""));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError(e.getMessage() + "; the page shows " + get("/api/state") + "; the kiosk's output:\n" + kiosk.output(), e);
        }
        post("/api/offline", "{}");
        post("/api/request", "{\"delivery\":\"counter\",\"contact\":\"\"}"); // collected at the counter, no phone number
        assertEquals(true, post("/api/pin", "{\"pin\":\"1234\"}").contains("\"screen\":\"Queued\""), "the request is queued");
        before = TerminalAlone.committed(terminal.outbox());
        kiosk.stopBySigterm();
      }
      assertEquals(1, before.size(), "one request queued");
      assertInstanceOf(IssueRequestQueued.class, TerminalAlone.assertCommittedWhole(terminal.outbox(), before).getFirst().event());
    }
  }

  private String post(String path, String json) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(page + path)).POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
  }

  private String get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(page + path)));
  }

  private String send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r = http.send(request.header(PageGuard.TOKEN_HEADER, token).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }
}
