package jp.mynaterm.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.config.TaxiBookingSettings;
import jp.mynaterm.config.TaxiStop;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.passkey.Passkeys;
import jp.mynaterm.hub.passkey.SoftwareAuthenticator;
import jp.mynaterm.hub.storage.BothDatabases;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.taxi.TaxiBookings;
import jp.mynaterm.hub.taxi.TaxiCounts;
import jp.mynaterm.hub.taxi.TaxiFares;
import jp.mynaterm.hub.taxi.TaxiRiders;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.staff.StaffRole;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A resident books on /taxi with the password set at the counter, or a passkey; a form from elsewhere is refused. */
class TaxiPagesTest {
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  private static final Clock MONDAY_8 = Clock.fixed(LocalDateTime.of(2026, 12, 7, 8, 0).atZone(JST).toInstant(), JST);
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");
  private static final CardId CARD = new CardId("AAAAAAAAAAAAAAAAAAAAAAAAAB");
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;

  @Test
  void aResidentBooksWithTheCounterPasswordOncePerWindow() throws Exception {
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      TaxiRiders riders = rider(db);
      try (HubWeb server = serve(db, riders)) {
        assertEquals(401, post("/taxi/signin", null, Map.of("member", "m1", "password", "wrong-password")).statusCode());
        String resident = cookie(post("/taxi/signin", null, Map.of("member", "m1", "password", "set-at-the-counter")));
        String csrf = csrf(get("/taxi", resident));
        var form = Map.of("day", "2026-12-07", "time", "10:00", "stop", "S001", "passengers", "1");
        assertEquals(403, post("/taxi/book", resident, form).statusCode(), "a form without the session's token (posted from elsewhere) is refused");
        var booked = post("/taxi/book", resident, with(form, "csrf", csrf));
        assertTrue(message(booked).startsWith("予約しました / Booked: T"), message(booked));
        assertTrue(get("/taxi", resident).body().contains("美濃市役所"), "the rider sees the booking");
        var outside = with(with(with(form, "stop", ""), "address", "岐阜市司町40番地1"), "csrf", csrf);
        assertEquals("予約できません / Not booked: the address is outside the service area",
            message(post("/taxi/book", resident, with(with(with(outside, "time", "11:00"), "lat", "35.4233"), "lon", "136.7607"))), "an address in Gifu city, 15 km away");
        assertTrue(get("/taxi", resident).body().contains("src=\"/taxi.js\"") && get("/taxi.js", null).body().contains("getCurrentPosition"),
            "the page offers the resident's own location for an address");

        assertEquals("予約できません / Not booked: the rider has a booking in this time window already", message(post("/taxi/book", resident, with(form, "csrf", csrf))));

        // The resident's page in a browser with a passkey authenticator (Chromium's virtual one, as a
        // phone's): signed in with the password, a booking listed, a passkey registered by the page's
        // script and listed, no serious or critical axe violation; signed out, the passkey signs in.
        try (var chromium = jp.mynaterm.testsupport.HeadlessChromium.start(1280, 900)) {
          var driver = chromium.driver();
          ((org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator) driver).addVirtualAuthenticator(
              new org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions().setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true));
          driver.get(origin() + "/taxi");
          driver.findElement(By.name("member")).sendKeys("m1");
          driver.findElement(By.name("password")).sendKeys("set-at-the-counter");
          driver.findElement(By.cssSelector("form[action='/taxi/signin'] button")).click();
          chromium.waitUntil(d -> d.getPageSource().contains("美濃市役所"));
          chromium.clickWhenShown(By.id("passkey-register"));
          chromium.waitUntil(d -> d.getPageSource().contains("パスキーを登録しました"));
          chromium.assertAccessible("the resident's taxi booking page with a passkey");
          driver.findElement(By.cssSelector("form[action='/taxi/signout'] button")).click();
          chromium.clickWhenShown(By.id("passkey-signin"));
          chromium.waitUntil(d -> d.getPageSource().contains("利用者番号 / Rider m1"));
        }
      }
    }
  }

  /**
   * Passkeys on the resident's page, on SQLite and PostgreSQL: registered while signed in (the script's
   * posts carry the session's token), then a sign-in with nothing typed; refused when replayed, from
   * another origin, once removed, once the card is unlinked, and after the counter resets the password.
   */
  @ParameterizedTest
  @MethodSource("jp.mynaterm.hub.storage.BothDatabases#kinds")
  void aRiderSignsInWithAPasskeyUntilTheCardIsUnlinkedOrThePasswordIsReset(String kind) throws Exception {
    try (Database db = Database.open(BothDatabases.fresh(kind, dir, "taxi_passkeys"))) {
      TaxiRiders riders = rider(db);
      try (HubWeb server = serve(db, riders)) {
        String resident = cookie(post("/taxi/signin", null, Map.of("member", "m1", "password", "set-at-the-counter")));
        String csrf = csrf(get("/taxi", resident));
        assertEquals(403, postJson("/taxi/passkeys/options", resident, null, "{}").statusCode(), "a post without the session's token (from elsewhere) is refused");
        var device = new SoftwareAuthenticator("localhost", origin());
        String created = register(resident, csrf, device);
        assertEquals(400, postJson("/taxi/passkeys", resident, csrf, created).statusCode(), "a registration's challenge answers once");
        var lost = new SoftwareAuthenticator("localhost", origin());
        register(resident, csrf, lost);
        String page = get("/taxi", resident).body();
        assertTrue(page.contains("テスト端末") && page.contains(Passkeys.base64url(lost.credentialId())), "listed on the rider's page, each with a form to remove it");
        assertEquals("パスキーを削除しました。 Passkey removed.",
            message(post("/taxi/passkeys/remove", resident, Map.of("csrf", csrf, "credential", Passkeys.base64url(lost.credentialId())))), "a lost phone's, without WebAuthn");
        assertRefused(passkeySignIn(lost, new String[2]), "a removed passkey");

        String[] answered = new String[2];
        var signedIn = passkeySignIn(device, answered);
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        assertTrue(get("/taxi", cookie(signedIn)).body().contains("利用者番号 / Rider m1"), "signed in as the passkey's rider, nothing typed");
        assertRefused(postJson("/taxi/signin/passkey", answered[0], null, answered[1]), "the same answer again: its challenge was used");
        device.origin = "https://taxi.example.org";
        assertRefused(passkeySignIn(device, answered), "a page of another origin");
        device.origin = origin();
        Downlink downlink = downlink(db);
        downlink.changeAllowList("taxi", List.of(), List.of(CARD));
        assertRefused(passkeySignIn(device, answered), "the card unlinked at the counter");
        downlink.changeAllowList("taxi", List.of(new AllowEntry(CARD, "m1", "senior", MemberStatus.ACTIVE)), List.of());
        assertEquals(200, passkeySignIn(device, answered).statusCode(), "linked again");
        riders.setPassword("m1", "reset-at-the-counter");
        assertRefused(passkeySignIn(device, answered), "a password reset at the counter removes the rider's passkeys");
      }
    }
  }

  /** The page script's registration on {@code device}; returns its answer. */
  private String register(String resident, String csrf, SoftwareAuthenticator device) throws Exception {
    var options = JSON.readTree(postJson("/taxi/passkeys/options", resident, csrf, "{}").body());
    assertEquals("localhost", options.at("/rp/id").asText());
    assertEquals("required", options.at("/authenticatorSelection/userVerification").asText());
    String created = JSON.writeValueAsString(device.create(Passkeys.fromBase64url(options.get("challenge").asText()), Passkeys.fromBase64url(options.at("/user/id").asText())));
    var registered = postJson("/taxi/passkeys", resident, csrf, created);
    assertEquals(200, registered.statusCode(), registered.body());
    return created;
  }

  /** The sign-in's ceremony without a session; {@code answered} keeps its cookie and answer for a replay. */
  private HttpResponse<String> passkeySignIn(SoftwareAuthenticator device, String[] answered) throws Exception {
    var options = postJson("/taxi/signin/passkey/options", null, null, "{}");
    answered[0] = cookie(options);
    answered[1] = JSON.writeValueAsString(device.get(Passkeys.fromBase64url(JSON.readTree(options.body()).get("challenge").asText())));
    return postJson("/taxi/signin/passkey", answered[0], null, answered[1]);
  }

  private static void assertRefused(HttpResponse<String> r, String why) {
    assertEquals(401, r.statusCode(), why);
    assertTrue(r.body().contains("受け付けられませんでした") && r.body().contains("not accepted"), r.body());
  }

  /** Rider m1, registered for the taxi (card linked) with the password set at the counter. */
  private static TaxiRiders rider(Database db) throws Exception {
    downlink(db).changeAllowList("taxi", List.of(new AllowEntry(CARD, "m1", "senior", MemberStatus.ACTIVE)), List.of());
    TaxiRiders riders = new TaxiRiders(db, MONDAY_8);
    riders.setPassword("m1", "set-at-the-counter");
    return riders;
  }

  private static Downlink downlink(Database db) {
    return new Downlink(db, new Topics("212075"), new MessageFactory("212075", "hub-1", TerminalClock.system()), new MessageCodec());
  }

  /** The origin passkey ceremonies are bound to here: localhost (a relying party id cannot be an IP address). */
  private String origin() {
    return "http://localhost:" + port;
  }

  private HubWeb serve(Database db, TaxiRiders riders) {
    TaxiBookingSettings rules = new TaxiBookingSettings(List.of("car-1"), 2, null, null, null, null, null, List.of(DayOfWeek.MONDAY), null, null, null, null,
        null, null, null, List.of(new TaxiStop("S001", "美濃市役所", 35.5447, 136.9078)));
    TaxiBookings bookings = new TaxiBookings(db, rules, MONDAY_8);
    port = jp.mynaterm.testsupport.RoleProcess.freePort();
    TaxiPages pages = new TaxiPages(bookings, new TaxiFares(db, bookings, MONDAY_8), riders, new Passkeys(db, MONDAY_8, Passkeys.Owners.RIDERS, "localhost", origin()),
        MONDAY_8, "美濃市", false);
    return HubWeb.start(new HttpSettings("127.0.0.1", port), List.of(pages::routes)).orElseThrow();
  }

  private HttpResponse<String> postJson(String path, String cookie, String csrf, String json) throws Exception {
    var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (cookie != null) b.header("Cookie", cookie);
    if (csrf != null) b.header("X-CSRF-Token", csrf);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> with(Map<String, String> form, String key, String value) {
    var out = new java.util.HashMap<>(form);
    out.put(key, value);
    return out;
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (cookie != null) b.header("Cookie", cookie);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) b.header("Cookie", cookie);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The cookie a response sets first (the session's, or a passkey ceremony's). */
  private static String cookie(HttpResponse<String> signedIn) {
    assertTrue(signedIn.statusCode() == 303 || signedIn.statusCode() == 200, signedIn.body());
    String set = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Strict"), set);
    return set.substring(0, set.indexOf(';'));
  }

  private static String csrf(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    assertTrue(m.find(), page.body());
    return m.group(1);
  }

  /** The message a post-redirect-get carries to the page. */
  private static String message(HttpResponse<String> r) {
    assertEquals(303, r.statusCode(), r.body());
    String location = r.headers().firstValue("Location").orElseThrow();
    return URLDecoder.decode(location.substring(location.indexOf("msg=") + 4).replaceAll("&err=1$", ""), StandardCharsets.UTF_8);
  }
}
