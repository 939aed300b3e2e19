package jp.mynaterm.kiosk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.mynaterm.agent.counter.DevelopmentRibbon;
import jp.mynaterm.agent.counter.PageGuard;
import jp.mynaterm.agent.counter.PinAttempts;
import jp.mynaterm.hardware.payment.SimulatedPaymentTerminal;
import jp.mynaterm.kiosk.flow.Fakes;
import jp.mynaterm.kiosk.flow.IssuanceSession;
import jp.mynaterm.kiosk.flow.Screen;
import jp.mynaterm.agent.speech.SpeechSynthesizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk's HTTP API: what the page may send, and what it gets for anything else. */
class KioskServerTest {
  @TempDir Path dir;
  private KioskServer server;
  private IssuanceSession session;
  private Fakes.Card card;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    card = new Fakes.Card();
    session =
        new IssuanceSession(
            card, new Fakes.Hub(), new SimulatedPaymentTerminal(dir.resolve("l.json"), "ic"), new Fakes.Printer(), new Fakes.Recorder(), Fakes.journal(dir), new Fakes.MovableClock(), Duration.ofSeconds(60), Duration.ofSeconds(20));
    server = new KioskServer(() -> session, new SpeechSynthesizer(Files.createTempDirectory("s"), Path.of("/none"), Path.of("/none")), "127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** As the kiosk's own page asks: with the per-boot token the page carries. */
  private HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).header(PageGuard.TOKEN_HEADER, server.token()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        request(path).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").header(PageGuard.TOKEN_HEADER, server.token()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }

  @Test
  void theRibbonShowsOnlyInDevelopmentMode() throws Exception {
    assertFalse(get("/").body().contains(DevelopmentRibbon.TEXT), "no ribbon outside development mode");
    try (KioskServer development = new KioskServer(() -> session, new SpeechSynthesizer(Files.createTempDirectory("s"), Path.of("/none"), Path.of("/none")), "127.0.0.1", 0, () -> {}, true)) {
      String page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + development.port() + "/")).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(page.contains("<body>\n<aside class=\"development-mode\" aria-label=\"" + DevelopmentRibbon.TEXT + "\">"), page);
    }
  }

  @Test
  void theApiAnswersOnlyItsOwnPage() throws Exception {
    String page = get("/").body();
    assertTrue(page.contains("content=\"" + server.token() + "\""), "the page carries the token");
    assertEquals(403, http.send(request("/api/state").build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "no token");
    assertEquals(403, http.send(request("/api/language").POST(HttpRequest.BodyPublishers.ofString("{\"tag\":\"en\"}"))
        .header("Content-Type", "application/json").header(PageGuard.TOKEN_HEADER, "guessed").build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(415, http.send(request("/api/language").POST(HttpRequest.BodyPublishers.ofString("{\"tag\":\"en\"}"))
        .header("Content-Type", "text/plain").header(PageGuard.TOKEN_HEADER, server.token()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(403, http.send(request("/api/language").POST(HttpRequest.BodyPublishers.ofString("{\"tag\":\"en\"}"))
        .header("Content-Type", "application/json").header("Origin", "http://evil.example").header(PageGuard.TOKEN_HEADER, server.token()).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
    assertTrue(session.screen() instanceof Screen.ChooseLanguage, "nothing changed");
    // The audio element cannot send headers: its token is in the query, and without it nothing is spoken.
    assertEquals(403, http.send(request("/api/speech?lang=en&key=pin.prompt").build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(400, http.send(request("/api/speech?lang=en&key=no.such&token=" + server.token()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  @Test
  void pinsAreTakenAtMostFiveAMinuteInAVisit() throws Exception {
    assertEquals(200, post("/api/language", "{\"tag\":\"ja\"}").statusCode());
    session.chooseType("juminhyo");
    session.chooseOptions(java.util.Map.of(), 1);
    session.cardPresent();
    int answered = 0;
    for (int i = 0; i < PinAttempts.PER_MINUTE; i++) if (post("/api/pin", "{\"pin\":\"9999\"}").statusCode() == 200) answered++;
    assertEquals(PinAttempts.PER_MINUTE, answered);
    int calls = card.verifyCalls;
    var refused = post("/api/pin", "{\"pin\":\"1234\"}");
    assertEquals(429, refused.statusCode());
    assertTrue(refused.body().contains("wait a minute") && refused.body().contains("1分"), refused.body());
    assertEquals(calls, card.verifyCalls, "the refused PIN never reached the card");
  }

  @Test
  void servesThePageAndItsScript() throws Exception {
    var page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("kiosk.js"), page.body());
    assertEquals(200, get("/kiosk.js").statusCode());
  }

  @Test
  void stateNamesTheScreenAndItsInstruction() throws Exception {
    var state = get("/api/state");
    assertTrue(state.body().contains("\"screen\":\"ChooseLanguage\""), state.body());
    assertTrue(state.body().contains("\"instruction\":\"lang.prompt\""), state.body());
  }

  @Test
  void aPinThatIsNotFourDigitsNeverReachesTheCard() throws Exception {
    session.chooseLanguage("ja");
    session.chooseType("juminhyo");
    session.chooseOptions(java.util.Map.of(), 1);
    session.cardPresent();
    for (String bad : new String[] {"{\"pin\":\"12345\"}", "{\"pin\":\"12a4\"}", "{\"pin\":1234}", "{}", "not json", "[1]"}) {
      assertEquals(400, post("/api/pin", bad).statusCode(), bad);
    }
    assertEquals(0, card.verifyCalls);
    assertTrue(session.screen() instanceof Screen.EnterPin);
  }

  @Test
  void unknownLanguagesTypesAndOptionsAreRefused() throws Exception {
    assertEquals(400, post("/api/language", "{\"tag\":\"xx\"}").statusCode());
    assertEquals(200, post("/api/language", "{\"tag\":\"en\"}").statusCode());
    assertEquals(400, post("/api/type", "{\"type\":\"passport\"}").statusCode());
    assertEquals(200, post("/api/type", "{\"type\":\"juminhyo\"}").statusCode());
    assertEquals(400, post("/api/options", "{\"options\":{},\"copies\":99}").statusCode());
    assertTrue(session.screen() instanceof Screen.ChooseOptions);
  }

  @Test
  void speechForAnUnknownKeyOrOddArgumentsIsRefusedAndWithoutAnEngineIsUnavailable() throws Exception {
    assertEquals(400, get("/api/speech?lang=en&key=no.such").statusCode());
    assertEquals(400, get("/api/speech?lang=en&key=fee.show&arg=" + "9".repeat(41)).statusCode(), "too long");
    assertEquals(400, get("/api/speech?lang=en&key=fee.show&arg=%3Cb%3E").statusCode(), "not letters or digits");
    assertEquals(400, get("/api/speech?lang=en&key=fee.show&arg=1&arg=2&arg=3&arg=4").statusCode(), "too many");
    assertEquals(503, get("/api/speech?lang=ja&key=card.prompt").statusCode());
  }
}
