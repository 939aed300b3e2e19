package jp.mynaterm.agent.counter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the counter pages (library staff, hospital reception) share: a Javalin server on loopback behind
 * the {@link PageGuard} and {@link StaffSignIn}, the
 * page's files served from its package's resources, its words from a UTF-8 bundle per language
 * ({@code i18n/ja.properties}, {@code i18n/en.properties}), and bad input answered 400 with a reason
 * before anything changes.
 */
public final class CounterPage implements AutoCloseable {
  public static final List<String> LANGUAGES = List.of("ja", "en");
  /** What every counter page shares: counter.js, page.css, the card and input messages. */
  static final String SHARED = "/jp/mynaterm/agent/counter";
  private static final ObjectMapper JSON = jp.mynaterm.protocol.codec.MessageCodec.mapper();
  private static final Map<String, String> TYPES =
      Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

  private final Javalin app;
  /** What staff are warned of about the terminal's lists (too old, unreadable); empty when they are fine. */
  private volatile Supplier<Optional<String>> listWarning = Optional::empty;
  private final CityAlerts alerts = new CityAlerts();

  /**
   * @param resources the page's resource folder, e.g. {@code /jp/mynaterm/agent/library/web}; it holds
   *     index.html, page.js and i18n/; counter.js, page.css and the card messages are shared ({@link #SHARED})
   * @param signIn who may use the page; every {@code /api/} route but the words and the sign-in needs it
   * @param development whether the page shows the {@link DevelopmentRibbon}
   */
  public CounterPage(String resources, String host, int port, StaffSignIn signIn, boolean development, Consumer<RoutesConfig> pageRoutes) {
    PageGuard guard = new PageGuard();
    app = server(guard, routes -> {
      signIn.install(routes);
      // Served from our own resources: Jetty's classpath lookup uses another class loader, which misses them under some launchers.
      for (String file : List.of("index.html", "page.js")) {
        routes.get(file.equals("index.html") ? "/" : "/" + file, ctx -> file(ctx, resources + "/" + file, guard, development));
      }
      for (String file : List.of("counter.js", "page.css")) routes.get("/" + file, ctx -> file(ctx, SHARED + "/" + file, guard, false));
      routes.get("/api/messages", ctx -> ctx.json(messages(resources, language(ctx.queryParam("lang")))));
      alerts.install(routes, resources);
      for (String file : List.of("alerts.js")) routes.get("/" + file, ctx -> file(ctx, SHARED + "/" + file, guard, false));
      routes.get("/api/lists", ctx -> ctx.json(listWarning.get().map(w -> Map.of("warn", true, "state", w)).orElse(Map.of("warn", false, "state", "ok"))));
      pageRoutes.accept(routes);
    });
    start(app, host, port, "counter page");
  }

  /**
   * A terminal page's server, not started: the {@link PageGuard} before every route, small request
   * bodies, bad input answered 400 with its reason ({@link BadInput}), quiet at start, and the given
   * routes (Javalin takes them all up front).
   */
  public static Javalin server(PageGuard guard, Consumer<RoutesConfig> routes) {
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      // ./mynaterm test reports outdated dependencies; the server need not say so at every start.
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = 16 * 1024;
      config.routes.exception(BadInput.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
      config.routes.exception(jp.mynaterm.agent.speech.SpeechRequest.Invalid.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
      guard.install(config.routes);
      routes.accept(config.routes);
    });
  }

  /** Starts a terminal page's server, with a warning when it listens beyond this machine. */
  public static void start(Javalin app, String host, int port, String what) {
    PageGuard.warnUnlessLoopback(host, what);
    app.start(host, port);
  }

  public int port() {
    return app.port();
  }

  /**
   * Where the page learns whether the terminal's lists are too old or unreadable; the shared script
   * asks every minute and shows staff a warning at the top of the page while there is one.
   */
  public void listWarning(Supplier<Optional<String>> warning) {
    this.listWarning = warning;
  }

  /** The city's alerts this page shows in its banner. */
  public CityAlerts alerts() {
    return alerts;
  }

  static void file(Context ctx, String path, PageGuard guard, boolean development) throws IOException {
    try (InputStream in = CounterPage.class.getResourceAsStream(path)) {
      if (in == null) {
        ctx.status(HttpStatus.NOT_FOUND);
        return;
      }
      String type = path.substring(path.lastIndexOf('.') + 1);
      byte[] content = in.readAllBytes();
      if (type.equals("html")) content = DevelopmentRibbon.into(guard.withToken(withAlerts(withSignIn(content))), development);
      ctx.contentType(TYPES.get(type)).header("Cache-Control", "no-store").result(content);
    }
  }

  /** Every page carries the city's alert banner ({@link CityAlerts}). */
  private static byte[] withAlerts(byte[] html) {
    return new String(html, StandardCharsets.UTF_8).replace("</body>", "<script src=\"/alerts.js\"></script>\n</body>").getBytes(StandardCharsets.UTF_8);
  }

  /** The page with the shared sign-in form in place of its {@code <!--signin-->} marker. */
  private static byte[] withSignIn(byte[] html) throws IOException {
    try (InputStream in = CounterPage.class.getResourceAsStream(SHARED + "/signin.html")) {
      String form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new String(html, StandardCharsets.UTF_8).replace("  <!--signin-->\n", form).getBytes(StandardCharsets.UTF_8);
    }
  }

  static String language(String asked) {
    return asked != null && LANGUAGES.contains(asked) ? asked : "ja";
  }

  /**
   * A page's texts in one language (key → pattern with {@code {0}}-style placeholders, filled by plain
   * substitution in the page), the shared card messages included.
   */
  public static Map<String, String> messages(String resources, String language) {
    Map<String, String> all = bundle(SHARED, language);
    all.putAll(bundle(resources, language));
    return all;
  }

  /**
   * The texts of a page in one language: the staff pages' words ({@link #messages}) where the
   * language is one of theirs ({@link #LANGUAGES}), then the page's own bundle in {@code own}, which
   * alone speaks the others (the hospital's patient page speaks the kiosk's eight languages).
   */
  public static Map<String, String> messages(String resources, String own, String language) {
    Map<String, String> all = LANGUAGES.contains(language) ? messages(resources, language) : new TreeMap<>();
    all.putAll(bundle(own, language));
    return all;
  }

  private static Map<String, String> bundle(String resources, String language) {
    String path = resources + "/i18n/" + language + ".properties";
    try (InputStream in = CounterPage.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing message bundle " + path);
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> all = new TreeMap<>();
      p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k)));
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode body(Context ctx) {
    try {
      JsonNode n = JSON.readTree(ctx.body());
      if (n == null || !n.isObject()) throw new BadInput("a JSON object is expected");
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadInput("the body is not JSON");
    }
  }

  /** A text field that must be present and match {@code pattern}; {@code what} says what it should be. */
  public static String field(JsonNode body, String name, String pattern, String what) {
    JsonNode v = body.get(name);
    if (v == null || !v.isTextual()) throw new BadInput(name + " is required");
    String s = v.asText().strip();
    if (!s.matches(pattern)) throw new BadInput(name + " must be " + what);
    return s;
  }


  /** A staff page takes no PIN: it is typed on the resident's side ({@link ResidentPinPage}, or the reader's pad). */
  public static void refusePin(JsonNode body) {
    if (body.has("pin")) throw new BadInput("the PIN is typed by the resident on the resident PIN page or the reader's keypad, never on this page");
  }

  /** The page's answer: what to say (key and arguments, looked up in the page's language) and any data. */
  public static void reply(Context ctx, Said said, Map<String, Object> extra) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(extra);
    out.put("ok", said.ok());
    out.put("key", said.key());
    out.put("args", said.args());
    ctx.json(out);
  }

  /** A request the page should never send: answered 400 with the reason, nothing changed. */
  public static final class BadInput extends RuntimeException {
    public BadInput(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
