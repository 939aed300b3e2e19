package jp.mynaterm.agent.taxi;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jp.mynaterm.agent.counter.CounterPage;
import jp.mynaterm.agent.counter.DevelopmentRibbon;
import jp.mynaterm.agent.counter.PageGuard;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.protocol.event.RefusalReason;
import jp.mynaterm.protocol.message.TaxiManifest;

/**
 * The driver's display: a small page on the vehicle's screen (loopback, behind the {@link PageGuard}
 * as the counter pages are) showing the last tap's outcome in large text — the fare class and amount,
 * or the refusal reason, with "booked, on time/late" — and the next pick-ups from the manifest. The
 * page asks twice a second and, once the driver has pressed "sound on" (browsers speak only after a
 * touch), says the outcome aloud in a few words. No CardId or rider number is shown. The city's
 * active alerts for this vehicle (emergency alerts from the console) stand above it all, in Japanese
 * and English, and are read aloud once when they arrive.
 */
public final class DriverDisplay implements AutoCloseable {
  static final String RESOURCES = "/jp/mynaterm/agent/taxi/display";
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");
  private static final Map<String, String> TYPES =
      Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");
  /** The fare classes of the example configuration in Japanese; another class shows as configured. */
  private static final Map<String, String> CLASSES = Map.of("adult", "大人", "senior", "高齢者", "licence-returned", "免許返納", "child", "子ども",
      "disability", "障がい者", "preschool", "未就学児");
  /** What the driver reads and hears for the refusals riders meet; another shows its wire name. */
  private static final Map<RefusalReason, String> REASONS = Map.ofEntries(
      Map.entry(RefusalReason.UNKNOWN, "登録がありません"), Map.entry(RefusalReason.SUSPENDED, "利用停止中です"),
      Map.entry(RefusalReason.UNKNOWN_FARE_CLASS, "運賃区分が不明です"), Map.entry(RefusalReason.REVOKED, "カードが失効しています"),
      Map.entry(RefusalReason.EXPIRED, "カードの期限切れです"), Map.entry(RefusalReason.ALREADY_BOARDED, "乗車済みです"),
      Map.entry(RefusalReason.NO_BOOKING, "予約がありません"), Map.entry(RefusalReason.NO_ROOM, "満席です"),
      Map.entry(RefusalReason.REMOVED, "もう一度タッチしてください"), Map.entry(RefusalReason.UNREADABLE, "読めません。もう一度"));

  private final PageGuard guard = new PageGuard();
  private final Javalin app;
  private final RideDecider rides;
  private final ZoneId zone;
  private final boolean development;
  private final AtomicLong seq = new AtomicLong();
  private volatile Map<String, Object> last = Map.of("kind", "idle", "big", "", "detail", "");
  private volatile java.util.function.Supplier<List<jp.mynaterm.protocol.message.Alert>> alerts = List::of;

  private DriverDisplay(HttpSettings http, RideDecider rides, ZoneId zone, boolean development) {
    this.rides = rides;
    this.zone = zone;
    this.development = development;
    this.app = CounterPage.server(guard, routes -> {
      routes.get("/", ctx -> file(ctx, "index.html"));
      routes.get("/display.js", ctx -> file(ctx, "display.js"));
      routes.get("/display.css", ctx -> file(ctx, "display.css"));
      routes.get("/api/display", this::state);
    });
    try {
      CounterPage.start(app, http.host(), http.port(), "driver display");
    } catch (RuntimeException e) {
      app.stop();
      throw e;
    }
  }

  public static DriverDisplay start(HttpSettings http, RideDecider rides, ZoneId zone, boolean development) {
    return new DriverDisplay(http, rides, zone, development);
  }

  /** As {@link #start}; null with a warning if the address cannot be bound: the reader decides taps without its display. */
  public static DriverDisplay startOrWarn(HttpSettings http, RideDecider rides, ZoneId zone, boolean development) {
    try {
      return start(http, rides, zone, development);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(DriverDisplay.class).warn("driver display not started: {}:{} cannot be bound ({})", http.host(), http.port(), e.getMessage());
      return null;
    }
  }

  public int port() {
    return app.port();
  }

  /** The page's token (tests act as the page). */
  String token() {
    return guard.token();
  }

  /** Where the alerts to show come from (the agent's active alerts for this vehicle, most urgent first). */
  public void alerts(java.util.function.Supplier<List<jp.mynaterm.protocol.message.Alert>> active) {
    this.alerts = active;
  }

  /** A tap's outcome, shown until the next. */
  public void show(RideDecider.TapResult result) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (result) {
      case RideDecider.TapResult.Boarded b -> {
        m.put("kind", "boarded");
        m.put("big", CLASSES.getOrDefault(b.fareClass(), b.fareClass()) + " ¥" + b.fareYen());
        m.put("detail", b.booking().isEmpty() ? "予約なし / no booking" : "予約 " + b.booking() + (b.late() ? " 遅れ / late" : " 定刻 / on time"));
        m.put("say", CLASSES.getOrDefault(b.fareClass(), b.fareClass()) + " " + b.fareYen() + "円");
      }
      case RideDecider.TapResult.Alighted a -> {
        m.put("kind", "alighted");
        m.put("big", "降車 / Alighted");
        m.put("detail", "");
        m.put("say", "降車");
      }
      case RideDecider.TapResult.Refused r -> {
        m.put("kind", "refused");
        m.put("big", REASONS.getOrDefault(r.reason(), r.reason().wire()));
        m.put("detail", r.reason().meaning());
        m.put("say", REASONS.getOrDefault(r.reason(), "乗車できません"));
      }
      case RideDecider.TapResult.Fault f -> {
        m.put("kind", "fault");
        m.put("big", "記録できません / Not recorded");
        m.put("detail", f.reason());
        m.put("say", "記録できません");
      }
    }
    m.put("seq", seq.incrementAndGet());
    last = Map.copyOf(m);
  }

  private void state(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>(last);
    out.putIfAbsent("seq", 0L);
    List<Map<String, Object>> next = rides.nextPickups(5).stream().map(this::pickup).toList();
    out.put("pickups", next);
    out.put("alerts", alerts.get().stream()
        .map(a -> Map.of("id", a.alertId(), "severity", a.severity().name().toLowerCase(java.util.Locale.ROOT), "ja", a.text("ja"), "en", a.text("en")))
        .toList());
    ctx.header("Cache-Control", "no-store").json(out);
  }

  private Map<String, Object> pickup(TaxiManifest.Pickup p) {
    String when = HM.format(java.time.Instant.ofEpochMilli(p.windowStartMs()).atZone(zone)) + "–" + HM.format(java.time.Instant.ofEpochMilli(p.windowEndMs()).atZone(zone));
    String place = p.stopName().isEmpty() ? p.address() : p.stopName();
    return Map.of("when", when, "place", place, "passengers", p.passengers(), "wheelchair", p.wheelchair(), "booking", p.booking());
  }

  private void file(Context ctx, String name) throws IOException {
    try (InputStream in = DriverDisplay.class.getResourceAsStream(RESOURCES + "/" + name)) {
      byte[] content = in.readAllBytes();
      String type = name.substring(name.lastIndexOf('.') + 1);
      if (type.equals("html")) content = DevelopmentRibbon.into(guard.withToken(content), development);
      ctx.contentType(TYPES.get(type)).header("Cache-Control", "no-store").result(content);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
