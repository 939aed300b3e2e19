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

/** A resident books on /taxi with the password set at the counter; a form from elsewhere is refused. */
class TaxiPagesTest {
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  private static final Clock MONDAY_8 = Clock.fixed(LocalDateTime.of(2026, 12, 7, 8, 0).atZone(JST).toInstant(), JST);
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;

  @Test
  void aResidentBooksWithTheCounterPasswordOncePerWindow() throws Exception {
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      new Downlink(db, new Topics("212075"), new MessageFactory("212075", "hub-1", TerminalClock.system()), new MessageCodec())
          .changeAllowList("taxi", List.of(new AllowEntry(new CardId("AAAAAAAAAAAAAAAAAAAAAAAAAB"), "m1", "senior", MemberStatus.ACTIVE)), List.of());
      TaxiBookingSettings rules = new TaxiBookingSettings(List.of("car-1"), 2, null, null, null, null, null, List.of(DayOfWeek.MONDAY), null, null, null, null,
          null, null, null, List.of(new TaxiStop("S001", "美濃市役所", 35.5447, 136.9078)));
      TaxiBookings bookings = new TaxiBookings(db, rules, MONDAY_8);
      TaxiRiders riders = new TaxiRiders(db, MONDAY_8);
      riders.setPassword("m1", "set-at-the-counter");
      TaxiPages pages = new TaxiPages(bookings, new TaxiFares(db, bookings, MONDAY_8), riders, MONDAY_8, "美濃市", false);
      try (HubWeb server = HubWeb.start(new HttpSettings("127.0.0.1", 0), List.of(pages::routes)).orElseThrow()) {
        port = server.port();
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

        // The resident's page in a browser: signed in, with a booking listed, no serious or critical axe violation.
        try (var chromium = jp.mynaterm.testsupport.HeadlessChromium.start(1280, 900)) {
          var driver = chromium.driver();
          driver.get("http://127.0.0.1:" + port + "/taxi");
          driver.findElement(org.openqa.selenium.By.name("member")).sendKeys("m1");
          driver.findElement(org.openqa.selenium.By.name("password")).sendKeys("set-at-the-counter");
          driver.findElement(org.openqa.selenium.By.cssSelector("form[action='/taxi/signin'] button")).click();
          chromium.waitUntil(d -> d.getPageSource().contains("美濃市役所"));
          chromium.assertAccessible("the resident's taxi booking page");
        }
      }
    }
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

  private static String cookie(HttpResponse<String> signedIn) {
    assertEquals(303, signedIn.statusCode(), signedIn.body());
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
