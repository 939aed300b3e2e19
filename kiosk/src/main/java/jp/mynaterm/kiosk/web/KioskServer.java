package jp.mynaterm.kiosk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import jp.mynaterm.agent.counter.CounterPage;
import jp.mynaterm.agent.counter.PinBody;
import jp.mynaterm.agent.counter.DevelopmentRibbon;
import jp.mynaterm.agent.counter.PageGuard;
import jp.mynaterm.agent.counter.PinAttempts;
import jp.mynaterm.kiosk.flow.IssuanceSession;
import jp.mynaterm.kiosk.flow.Screen;
import jp.mynaterm.kiosk.i18n.Messages;
import jp.mynaterm.agent.speech.SpeechSynthesizer;
import jp.mynaterm.protocol.message.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's local web UI, for Chromium in kiosk mode: a static page that renders the session's
 * screen (polled from {@code /api/state}) with texts from {@code /api/messages}, and posts the
 * resident's choices. It listens on loopback only, and its API answers only its own page (the
 * {@link PageGuard}'s per-boot token is in the page); PINs are taken at most
 * {@value PinAttempts#PER_MINUTE} a minute in one resident's visit. Bad input gets 400 with a reason; the session is never left
 * in a half state by it.
 */
public final class KioskServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KioskServer.class);
  private static final ObjectMapper JSON = jp.mynaterm.protocol.codec.MessageCodec.mapper();

  private final Supplier<IssuanceSession> session;
  private final SpeechSynthesizer speech;
  private final PageGuard guard = new PageGuard();
  /** PIN tries of the current visit: a new one starts with each language choice (every visit's first step). */
  private volatile PinAttempts pinAttempts = new PinAttempts(java.time.Clock.systemUTC());
  private final Javalin app;
  private final boolean development;
  private final Thread ticker;
  private volatile boolean running = true;

  /**
   * @param session the current resident's session (the kiosk has one at a time)
   * @param host the address to listen on (127.0.0.1 for a kiosk)
   * @param port 0 for any free port
   */
  public KioskServer(Supplier<IssuanceSession> session, SpeechSynthesizer speech, String host, int port) {
    this(session, speech, host, port, () -> log.info("staff called at the kiosk"), false);
  }

  /**
   * @param staffCall what the "call staff" button does (a light, a chime, a message to the counter)
   * @param development whether the page shows the {@link DevelopmentRibbon}
   */
  public KioskServer(Supplier<IssuanceSession> session, SpeechSynthesizer speech, String host, int port, Runnable staffCall, boolean development) {
    this.development = development;
    this.session = session;
    this.speech = speech;
    this.app = CounterPage.server(guard, routes -> {
      // The page is three files, served from this class's own resources (Jetty's classpath lookup
      // uses another class loader, which misses them under some launchers).
      PAGE_FILES.forEach((path, type) -> routes.get(path, ctx -> page(ctx, path.equals("/") ? "/index.html" : path, type)));
      routes.get("/api/state", this::state);
      routes.get("/api/messages", ctx -> ctx.json(Messages.of(ctx.queryParamAsClass("lang", String.class).getOrDefault("ja")).all()));
      routes.get("/api/languages", ctx -> ctx.json(Messages.LANGUAGES.stream().map(t -> Map.of("tag", t, "name", Messages.of(t).get("lang.name"))).toList()));
      routes.post("/api/language", ctx -> act(ctx, s -> {
        Screen next = s.chooseLanguage(oneOf(text(body(ctx), "tag"), Messages.LANGUAGES));
        pinAttempts = new PinAttempts(java.time.Clock.systemUTC());
        return next;
      }));
      routes.post("/api/type", ctx -> act(ctx, s -> s.chooseType(oneOf(text(body(ctx), "type"), java.util.List.of("juminhyo", "inkan", "shotoku", "fuhyo")))));
      routes.post("/api/options", this::options);
      routes.post("/api/pin", this::pin);
      routes.post("/api/pay", ctx -> act(ctx, IssuanceSession::pay));
      routes.post("/api/offline", ctx -> act(ctx, IssuanceSession::acceptOfflineRequest));
      routes.post("/api/request", this::request);
      routes.post("/api/cancel", ctx -> act(ctx, IssuanceSession::cancel));
      routes.post("/api/back", ctx -> act(ctx, IssuanceSession::back));
      routes.post("/api/activity", ctx -> act(ctx, IssuanceSession::activity));
      routes.post("/api/continue", ctx -> act(ctx, IssuanceSession::continueSession));
      routes.post("/api/finish", ctx -> act(ctx, IssuanceSession::finish));
      routes.post("/api/restart", ctx -> act(ctx, IssuanceSession::restart));
      routes.get("/api/speech", this::speech);
      routes.get("/api/alert-speech", this::alertSpeech);
      routes.post("/api/alert-shown", ctx -> {
        String id = text(body(ctx), "id");
        if (activeAlert(id).isPresent()) alertShown.accept(id);
        ctx.status(HttpStatus.NO_CONTENT);
      });
      routes.post("/api/staff", ctx -> {
        staffCall.run();
        ctx.status(HttpStatus.NO_CONTENT);
      });
    });
    CounterPage.start(app, host, port, "kiosk UI");
    this.ticker = Thread.ofVirtual().name("kiosk-tick").start(this::tickLoop);
    log.info("kiosk UI on http://{}:{}/", host, app.port());
  }

  /** An instruction, the numbered items (up to nine, each with its number, label and state) and the keys' help. */
  private static final int SPEECH_PARTS = 40;
  private static final Map<String, String> PAGE_FILES =
      Map.of("/", "text/html; charset=utf-8", "/kiosk.js", "text/javascript; charset=utf-8", "/kiosk.css", "text/css; charset=utf-8");

  private void page(Context ctx, String file, String type) throws java.io.IOException {
    try (var in = KioskServer.class.getResourceAsStream("/jp/mynaterm/kiosk/web" + file)) {
      if (in == null) {
        ctx.status(HttpStatus.NOT_FOUND);
        return;
      }
      byte[] content = in.readAllBytes();
      ctx.contentType(type).header("Cache-Control", "no-store").result(file.endsWith(".html") ? DevelopmentRibbon.into(guard.withToken(content), development) : content);
    }
  }

  public int port() {
    return app.port();
  }

  /** The per-boot token the page carries, for tests that act as the page. */
  public String token() {
    return guard.token();
  }

  private void tickLoop() {
    while (running) {
      try {
        Thread.sleep(1000); // the session's clock decides; this only asks once a second
        session.get().tick();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("tick failed: {}", e.getMessage());
      }
    }
  }

  private void state(Context ctx) {
    IssuanceSession s = session.get();
    ObjectNode node = describe(s.screen(), s.language());
    // The alerts to show, most urgent first; the page decides when (priority) and takes dismissals.
    var list = node.putArray("alerts");
    for (Alert a : alerts.get()) {
      ObjectNode n = list.addObject().put("id", a.alertId()).put("severity", a.severity().name().toLowerCase(java.util.Locale.ROOT)).put("priority", a.priority().wire());
      n.set("text", JSON.valueToTree(a.text()));
    }
    ctx.json(node);
  }

  private volatile Supplier<java.util.List<Alert>> alerts = java.util.List::of;
  private volatile java.util.function.Consumer<String> alertShown = id -> {};

  /**
   * Where the page gets the emergency alerts to show full screen (the agent's active ones, most urgent
   * first) and whom it tells that one is on screen (the agent acknowledges it to the hub).
   */
  public void alerts(Supplier<java.util.List<Alert>> active, java.util.function.Consumer<String> shown) {
    this.alerts = active;
    this.alertShown = shown;
  }

  private java.util.Optional<Alert> activeAlert(String id) {
    return alerts.get().stream().filter(a -> a.alertId().equals(id)).findFirst();
  }

  /**
   * An active alert spoken in one language, whether or not the resident turned speech on: the text
   * is the hub's (the page names only the alert), so nothing the page sends is ever said.
   */
  private void alertSpeech(Context ctx) throws java.io.IOException {
    String lang = oneOf(ctx.queryParamAsClass("lang", String.class).getOrDefault("ja"), Messages.LANGUAGES);
    Alert alert = activeAlert(ctx.queryParamAsClass("id", String.class).getOrDefault("")).orElseThrow(() -> new CounterPage.BadInput("no such active alert"));
    String title = Messages.of(lang).spoken("alert.title." + alert.severity().name().toLowerCase(java.util.Locale.ROOT));
    spokenListeners.forEach(l -> l.accept(new Spoken(lang, java.util.List.of("alert|" + alert.alertId()))));
    var wav = speech.speak(lang, title + (lang.startsWith("ja") || lang.equals("zh-CN") ? "。" : ". ") + RUBY.matcher(alert.text(lang)).replaceAll("$2"));
    if (wav.isEmpty()) {
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "speech unavailable for " + lang));
      return;
    }
    ctx.contentType("audio/wav");
    ctx.result(Files.newInputStream(wav.get()));
  }

  /** Ruby in やさしい日本語 ({@code <ruby>漢字<rt>かんじ</rt></ruby>}): said by its reading. */
  private static final java.util.regex.Pattern RUBY = java.util.regex.Pattern.compile("<ruby>([^<]*)<rt>([^<]*)</rt></ruby>");

  /** A screen as the page reads it: its name, its fields, the instruction key, the language. */
  static ObjectNode describe(Screen screen, String language) {
    ObjectNode node = JSON.valueToTree(screen);
    node.put("screen", screen.getClass().getSimpleName());
    node.put("instruction", screen.instruction());
    node.put("waits", screen.waitsForResident());
    node.put("lang", language);
    return node;
  }

  private void options(Context ctx) {
    JsonNode b = body(ctx);
    int copies = b.path("copies").asInt(1);
    if (copies < 1 || copies > 10) throw new CounterPage.BadInput("copies must be 1 to 10");
    Map<String, String> opts = new HashMap<>();
    b.path("options").fields().forEachRemaining(e -> {
      if (!e.getValue().isTextual() || e.getValue().asText().length() > 16) throw new CounterPage.BadInput("option " + e.getKey() + " must be short text");
      opts.put(e.getKey(), e.getValue().asText());
    });
    if (opts.size() > 4) throw new CounterPage.BadInput("too many options");
    act(ctx, s -> s.chooseOptions(opts, copies));
  }

  /** The way a request left while the hub is down is to reach the resident, and an optional phone number (digits). */
  private void request(Context ctx) {
    JsonNode b = body(ctx);
    String delivery = oneOf(text(b, "delivery"), jp.mynaterm.protocol.event.IssueRequestQueued.DELIVERIES);
    String contact = b.path("contact").asText("");
    if (!contact.matches(jp.mynaterm.protocol.event.IssueRequestQueued.CONTACT)) throw new CounterPage.BadInput("contact is up to 15 digits");
    act(ctx, s -> s.chooseRequest(delivery, contact));
  }

  /**
   * The PIN from the touch screen: the body's bytes parsed into a char array without a String
   * ({@link PinBody}), which the session wipes after the one VERIFY.
   */
  private void pin(Context ctx) {
    char[] digits = PinBody.digits(ctx);
    if (!pinAttempts.take()) {
      java.util.Arrays.fill(digits, '\0');
      ctx.status(HttpStatus.TOO_MANY_REQUESTS).json(Map.of("error", "too many PIN attempts; wait a minute / 暗証番号の入力が多すぎます。1分お待ちください"));
      return;
    }
    act(ctx, s -> s.enterPin(digits));
  }

  /**
   * One utterance: {@code say=key} or {@code say=key|arg|arg} repeated (the instruction, the options
   * with their numbers, the focused control), or the older {@code key} with {@code arg}s; spoken in
   * order as one WAV.
   */
  private void speech(Context ctx) throws java.io.IOException {
    String lang = oneOf(ctx.queryParamAsClass("lang", String.class).getOrDefault("ja"), Messages.LANGUAGES);
    Messages m = Messages.of(lang);
    java.util.List<String> parts = new java.util.ArrayList<>(ctx.queryParams("say"));
    String single = ctx.queryParam("key");
    if (single != null) parts.add(0, String.join("|", java.util.stream.Stream.concat(java.util.stream.Stream.of(single), ctx.queryParams("arg").stream()).toList()));
    StringBuilder text = new StringBuilder();
    for (var sentence : jp.mynaterm.agent.speech.SpeechRequest.parse(parts, SPEECH_PARTS, m.keys()::contains)) {
      String said = m.spoken(sentence.key(), sentence.args().toArray());
      if (!text.isEmpty()) text.append(' ');
      text.append(said);
      if (!said.matches("(?s).*[.。!?！？:：]$")) text.append(lang.startsWith("ja") || lang.equals("zh-CN") ? "。" : ".");
    }
    spokenListeners.forEach(l -> l.accept(new Spoken(lang, java.util.List.copyOf(parts))));
    var wav = speech.speak(lang, text.toString());
    if (wav.isEmpty()) {
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "speech unavailable for " + lang));
      return;
    }
    ctx.contentType("audio/wav");
    ctx.result(Files.newInputStream(wav.get()));
  }

  /** What the page asked to be said: the language and its parts ({@code key} or {@code key|arg…}). */
  public record Spoken(String lang, java.util.List<String> parts) {}

  private final java.util.List<java.util.function.Consumer<Spoken>> spokenListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Someone wants to know each utterance the page asks for (a closed-functionality kiosk's only voice). */
  public void onSpeech(java.util.function.Consumer<Spoken> listener) {
    spokenListeners.add(listener);
  }

  private void act(Context ctx, java.util.function.Function<IssuanceSession, Screen> step) {
    IssuanceSession s = session.get();
    Screen next = step.apply(s);
    ctx.json(describe(next, s.language()));
  }

  private static JsonNode body(Context ctx) {
    return CounterPage.body(ctx);
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual()) throw new CounterPage.BadInput(field + " is required");
    return v.asText();
  }

  private static String oneOf(String value, java.util.List<String> allowed) {
    if (!allowed.contains(value)) throw new CounterPage.BadInput("'" + value + "' is not one of " + allowed);
    return value;
  }

  @Override
  public void close() {
    running = false;
    ticker.interrupt();
    app.stop();
  }
}
