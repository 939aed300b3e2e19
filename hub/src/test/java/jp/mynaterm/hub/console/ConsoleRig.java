package jp.mynaterm.hub.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.mynaterm.config.ConsoleSettings;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.passkey.Passkeys;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.web.HubWeb;
import jp.mynaterm.protocol.staff.StaffRole;
import jp.mynaterm.protocol.time.SteppedClock;

/**
 * The console on a fresh SQLite database and a free port, with a clock the test moves, and staff
 * accounts of several roles (each with {@link #PASSWORD}). {@link Browser} is a user agent that keeps
 * its cookies and posts forms with the CSRF token of the page it last read.
 */
public final class ConsoleRig implements AutoCloseable {
  public static final String PASSWORD = "correct-horse-1";
  public final SteppedClock clock = new SteppedClock();
  public final Database db;
  /** The hub's settings the sections are made from (development mode: the virtual cards' CA). */
  public final jp.mynaterm.config.HubConfig config;
  public final StaffAccounts staff;
  public final HubWeb web;
  public final Passkeys passkeys;
  /** The console itself: its words in each language ({@code console.messages(lang)}), every section's included. */
  final Console console;
  /** The origin passkey ceremonies are bound to here (a browser would send its own). */
  public static final String ORIGIN = "http://localhost:8080";

  private static ConsoleRig shared;

  /**
   * One console for every test class of this JVM (bcrypt at cost 12 makes each account a quarter of a
   * second), with the hub's own sections. Tests make accounts of their own when they lock or disable
   * one, and sessions of their own.
   */
  public static synchronized ConsoleRig shared() throws Exception {
    if (shared == null) {
      Path dir = java.nio.file.Files.createTempDirectory("console-rig");
      shared = new ConsoleRig(dir, (Sections) null);
      ConsoleRig rig = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(rig::close));
    }
    return shared;
  }

  /** @param sections the sections to mount; null: the hub's own (as {@code Hub} mounts them) */
  public ConsoleRig(Path dir, List<ConsoleSection> sections) throws Exception {
    this(dir, sections == null ? null : (db, clock) -> sections);
  }

  /** Sections made on the rig's database and clock (a feature's real pages). */
  @FunctionalInterface
  public interface Sections {
    List<ConsoleSection> of(Database db, java.time.Clock clock) throws Exception;
  }

  /** @param sectionsOf the sections to mount, made on the rig's database and clock; null: the hub's own */
  public ConsoleRig(Path dir, Sections sectionsOf) throws Exception {
    config = new jp.mynaterm.config.HubConfig(jp.mynaterm.config.Role.HUB, "212075", new jp.mynaterm.config.HubSettings("hub-1", dir.toString(), null), null,
        new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null), new HttpSettings("127.0.0.1", 0), null, null, true);
    db = Database.open(config.storage());
    staff = new StaffAccounts(db, clock, "test");
    staff.add("admin", "管理者", Set.of(StaffRole.ADMINISTRATOR), PASSWORD);
    staff.add("librarian", "図書 花子", Set.of(StaffRole.LIBRARY), PASSWORD);
    staff.add("kiosk", "窓口 太郎", Set.of(StaffRole.KIOSK_STAFF), PASSWORD);
    passkeys = new Passkeys(db, clock, Passkeys.Owners.STAFF, "localhost", ORIGIN);
    console = new Console(db, clock, ConsoleSettings.DEFAULT, passkeys, true, "美濃市", sectionsOf != null ? sectionsOf.of(db, clock) : Hub.consoleSections(db, clock, passkeys, config));
    web = HubWeb.start(new HttpSettings("127.0.0.1", 0), List.of(console::routes)).orElseThrow();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + web.port() + path;
  }

  public Browser browser() {
    return new Browser();
  }

  /**
   * Signs {@code user} in with headless Chromium and checks each page with axe: no serious or critical
   * violation (Japanese, the console's first language; the shell's own test checks both).
   */
  public void assertAccessible(String user, String... paths) throws IOException {
    try (jp.mynaterm.testsupport.HeadlessChromium chromium = jp.mynaterm.testsupport.HeadlessChromium.start(1280, 900)) {
      var driver = chromium.driver();
      driver.get(url("/console/signin"));
      driver.findElement(org.openqa.selenium.By.id("user")).sendKeys(user);
      driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(PASSWORD);
      driver.findElement(org.openqa.selenium.By.id("signin")).click();
      chromium.waitUntil(d -> d.getCurrentUrl().endsWith("/console"));
      for (String path : paths) {
        driver.get(url(path));
        chromium.assertAccessible("console " + path);
      }
    }
  }

  @Override
  public void close() {
    web.close();
    db.close();
  }

  /** One browser: its own cookies, the CSRF token of the last console page it read. */
  public final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
    public String csrf;

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return remember(http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts the form with the CSRF token the last page carried. */
    public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
      Map<String, String> all = new LinkedHashMap<>(form);
      all.put("csrf", csrf);
      return postExactly(path, all);
    }

    /** Posts exactly these fields (a forged form has no token). */
    public HttpResponse<String> postExactly(String path, Map<String, String> form) throws IOException, InterruptedException {
      String body = form.entrySet().stream()
          .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      return remember(http.send(
          HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }

    /** Opens the sign-in page and signs in; the response is the page it lands on. */
    public HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
      get("/console/signin");
      return post("/console/signin", Map.of("user", user, "password", password));
    }

    /** Posts JSON as the console's script does, the CSRF token in its header. */
    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
      return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> remember(HttpResponse<String> r) {
      Matcher m = CSRF.matcher(r.body());
      if (m.find()) csrf = m.group(1);
      return r;
    }
  }
}
