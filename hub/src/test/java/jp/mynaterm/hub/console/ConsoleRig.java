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
final class ConsoleRig implements AutoCloseable {
  static final String PASSWORD = "correct-horse-1";
  final SteppedClock clock = new SteppedClock();
  final Database db;
  final StaffAccounts staff;
  final HubWeb web;

  ConsoleRig(Path dir, List<ConsoleSection> sections) throws Exception {
    this(dir, (db, clock) -> sections);
  }

  /** Sections made on the rig's database and clock (a feature's real pages). */
  @FunctionalInterface
  interface Sections {
    List<ConsoleSection> of(Database db, java.time.Clock clock) throws Exception;
  }

  ConsoleRig(Path dir, Sections sectionsOf) throws Exception {
    db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null));
    staff = new StaffAccounts(db, clock, "test");
    staff.add("admin", "管理者", Set.of(StaffRole.ADMINISTRATOR), PASSWORD);
    staff.add("librarian", "図書 花子", Set.of(StaffRole.LIBRARY), PASSWORD);
    staff.add("kiosk", "窓口 太郎", Set.of(StaffRole.KIOSK_STAFF), PASSWORD);
    Console console = new Console(db, clock, ConsoleSettings.DEFAULT, true, "美濃市", sectionsOf.of(db, clock));
    web = HubWeb.start(new HttpSettings("127.0.0.1", 0), List.of(console::routes)).orElseThrow();
  }

  String url(String path) {
    return "http://127.0.0.1:" + web.port() + path;
  }

  Browser browser() {
    return new Browser();
  }

  @Override
  public void close() {
    web.close();
    db.close();
  }

  /** One browser: its own cookies, the CSRF token of the last console page it read. */
  final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
    String csrf;

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return remember(http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts the form with the CSRF token the last page carried. */
    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
      Map<String, String> all = new LinkedHashMap<>(form);
      all.put("csrf", csrf);
      return postExactly(path, all);
    }

    /** Posts exactly these fields (a forged form has no token). */
    HttpResponse<String> postExactly(String path, Map<String, String> form) throws IOException, InterruptedException {
      String body = form.entrySet().stream()
          .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      return remember(http.send(
          HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }

    /** Opens the sign-in page and signs in; the response is the page it lands on. */
    HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
      get("/console/signin");
      return post("/console/signin", Map.of("user", user, "password", password));
    }

    private HttpResponse<String> remember(HttpResponse<String> r) {
      Matcher m = CSRF.matcher(r.body());
      if (m.find()) csrf = m.group(1);
      return r;
    }
  }
}
