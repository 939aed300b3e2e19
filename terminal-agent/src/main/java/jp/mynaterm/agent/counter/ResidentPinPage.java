package jp.mynaterm.agent.counter;

import io.javalin.Javalin;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import jp.mynaterm.agent.speech.SpeechSynthesizer;

/**
 * The resident-facing PIN page of a counter, on its own port, apart from the staff's page: meant for
 * a second display turned to the resident (a browser in kiosk mode) with a touch keypad, or a USB
 * numeric keypad typing into it. It shows what the PIN is for, the tries left and a warning before
 * the last try, and takes one PIN per request staff open on their page ({@link PinDesk}). It needs no
 * staff sign-in: without a request open, it has nothing to take. The PIN goes as bytes from the page
 * to the card ({@link PinBody}). Loopback by default, like every terminal page.
 */
public final class ResidentPinPage implements AutoCloseable {
  /** How many sentences one spoken answer may join. */
  private static final int SPEECH_PARTS = 6;

  private final Javalin app;
  private final CityAlerts alerts = new CityAlerts();

  /**
   * Where the resident does more than type the PIN: the hospital's patient page, which the patient
   * starts (the check-in button), in the kiosk's languages, spoken aloud.
   *
   * @param bundle the resource folder of its own words ({@code i18n/<language>.properties}), in every one of {@code languages}
   * @param start what the start button does (it opens a PIN request on the desk)
   * @param speech speaks the page's words; empty where the terminal has no voices
   */
  public record Facing(List<String> languages, String bundle, String startKey, Supplier<Said> start, Optional<SpeechSynthesizer> speech) {
    /** The counters' PIN page: Japanese and English, started by staff, silent. */
    static final Facing PIN_ONLY = new Facing(CounterPage.LANGUAGES, null, "", null, Optional.empty());
  }

  /**
   * @param resources the counter page's resource folder, whose words (the outcomes: registered, checked
   *     in, go to the counter) the resident page shows too, with the shared ones
   */
  public ResidentPinPage(PinDesk desk, String resources, String host, int port) {
    this(desk, resources, host, port, Facing.PIN_ONLY);
  }

  public ResidentPinPage(PinDesk desk, String resources, String host, int port, Facing facing) {
    PageGuard guard = new PageGuard();
    java.util.function.Function<String, Map<String, String>> words = lang -> {
      String l = lang != null && facing.languages().contains(lang) ? lang : "ja";
      return facing.bundle() == null ? CounterPage.messages(resources, l) : CounterPage.messages(resources, facing.bundle(), l);
    };
    app = CounterPage.server(guard, routes -> {
      routes.get("/", ctx -> CounterPage.file(ctx, CounterPage.SHARED + "/resident.html", guard, false));
      alerts.install(routes, resources);
      for (String file : List.of("resident.js", "page.css", "alerts.js")) routes.get("/" + file, ctx -> CounterPage.file(ctx, CounterPage.SHARED + "/" + file, guard, false));
      routes.get("/api/page", ctx -> ctx.json(Map.of("languages", facing.languages(), "start", facing.startKey(), "speech", facing.speech().isPresent())));
      routes.get("/api/messages", ctx -> ctx.json(words.apply(ctx.queryParam("lang"))));
      if (facing.start() != null) routes.post("/api/start", ctx -> CounterPage.reply(ctx, facing.start().get(), Map.of()));
      facing.speech().ifPresent(speech -> routes.get("/api/speech", ctx -> speak(ctx, speech, words, facing.languages())));
      routes.get("/api/pin", ctx -> ctx.json(desk.view()));
      routes.post("/api/pin", ctx -> {
        PinDesk.Answer a = desk.enter(PinBody.digits(ctx));
        CounterPage.reply(ctx, a.said(), a.extra());
      });
      routes.post("/api/password", ctx -> {
        PinDesk.Answer a = desk.password(PinBody.password(ctx));
        CounterPage.reply(ctx, a.said(), a.extra());
      });
      routes.post("/api/pin/cancel", ctx -> CounterPage.reply(ctx, desk.cancel(), Map.of()));
    });
    CounterPage.start(app, host, port, "resident PIN page");
  }

  /** The city's alerts this page shows in its banner. */
  public CityAlerts alerts() {
    return alerts;
  }

  /**
   * One WAV of the page's own sentences: {@code say=key|arg|arg}, repeated; only keys of the page's
   * words and short plain arguments (a queue number, tries left), so no caller can have it say
   * anything else.
   */
  private static void speak(io.javalin.http.Context ctx, SpeechSynthesizer speech, java.util.function.Function<String, Map<String, String>> words, List<String> languages) {
    String lang = languages.contains(ctx.queryParam("lang")) ? ctx.queryParam("lang") : "ja";
    Map<String, String> texts = words.apply(lang);
    StringBuilder text = new StringBuilder();
    for (var sentence : jp.mynaterm.agent.speech.SpeechRequest.parse(ctx.queryParams("say"), SPEECH_PARTS, texts::containsKey)) {
      String pattern = texts.get(sentence.key());
      for (int i = 0; i < sentence.args().size(); i++) pattern = pattern.replace("{" + i + "}", sentence.args().get(i));
      text.append(pattern).append(' ');
    }
    Optional<java.nio.file.Path> wav = speech.speak(lang, text.toString().strip());
    if (wav.isEmpty()) {
      ctx.status(io.javalin.http.HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "speech unavailable"));
      return;
    }
    try {
      ctx.contentType("audio/wav").header("Cache-Control", "no-store").result(java.nio.file.Files.readAllBytes(wav.get()));
    } catch (java.io.IOException e) {
      ctx.status(io.javalin.http.HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "speech unavailable"));
    }
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
