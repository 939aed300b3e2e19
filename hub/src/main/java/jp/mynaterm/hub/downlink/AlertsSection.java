package jp.mynaterm.hub.downlink;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.mynaterm.hub.console.ConsoleRequest;
import jp.mynaterm.hub.console.ConsoleRoutes;
import jp.mynaterm.hub.console.ConsoleSection;
import jp.mynaterm.protocol.message.Alert;
import jp.mynaterm.protocol.message.AlertPriority;
import jp.mynaterm.protocol.message.AlertTargets;
import jp.mynaterm.protocol.message.Severity;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * The console's emergency alerts (plan ④ 防災): administrators write one (Japanese, やさしい日本語 and
 * English required, the kiosk's other languages optional), choose the terminals, priority and expiry,
 * and withdraw one; every staff role may read the list, with each terminal's acknowledgement — shown,
 * received, or not yet. Sending and withdrawing are audited by {@link AlertRepository} with the
 * signed-in user as actor.
 */
public final class AlertsSection implements ConsoleSection {
  /** The kiosk's languages beyond the three required ones. */
  public static final List<String> OPTIONAL_LANGUAGES = List.of("zh-CN", "ko", "pt-BR", "vi", "tl");
  /** The terminal roles an alert can name (configuration keys). */
  public static final List<String> ROLES = List.of("kiosk", "taxi", "library", "hospital");
  static final Map<String, Duration> EXPIRIES = expiries();
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));
  private static final String HOME = "/console/alerts";

  /** One terminal's line under an alert: its id, what it did and when, and whether it has shown it. */
  public record TerminalLine(String terminal, String ack, boolean shown) {}

  /** One alert as the page lists it, every text already in the page's language. */
  public record Item(String id, String severity, String text, String meta, String state, boolean active, String summary, List<TerminalLine> terminals) {}

  private final Downlink downlink;
  private final java.time.Clock clock;

  public AlertsSection(Downlink downlink, java.time.Clock clock) {
    this.downlink = downlink;
    this.clock = clock;
  }

  @Override
  public String id() {
    return "alerts";
  }

  @Override
  public String titleKey() {
    return "alerts.title";
  }

  /** Every staff role reads who has the alerts; only administrators send and withdraw ({@link #routes}). */
  @Override
  public Set<StaffRole> roles() {
    return Set.of(StaffRole.KIOSK_STAFF, StaffRole.LIBRARY, StaffRole.HOSPITAL, StaffRole.TAXI_OPERATOR, StaffRole.AUDITOR);
  }

  @Override
  public void routes(ConsoleRoutes routes) {
    routes.get("", this::page);
    routes.post("/send", Set.of(StaffRole.ADMINISTRATOR), this::send);
    routes.post("/cancel", Set.of(StaffRole.ADMINISTRATOR), this::cancel);
  }

  private void page(ConsoleRequest r) throws Exception {
    List<Item> items = new ArrayList<>();
    for (AlertReport.Row row : AlertReport.newest(downlink, 50, clock.instant())) items.add(item(r, row));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("alerts", items);
    params.put("maySend", r.may(StaffRole.ADMINISTRATOR));
    params.put("roles", ROLES);
    params.put("optional", OPTIONAL_LANGUAGES);
    params.put("expiries", List.copyOf(EXPIRIES.keySet()));
    r.render("alerts/alerts.jte", params);
  }

  private Item item(ConsoleRequest r, AlertReport.Row row) {
    AlertRepository.Sent s = row.sent();
    Alert a = s.alert();
    String severity = a.severity().name().toLowerCase(Locale.ROOT);
    String targets = a.targets().all() ? r.t("alerts.targets.all")
        : String.join(", ", concat(a.targets().roles().stream().map(role -> r.t("alerts.role." + role)).toList(), a.targets().terminals()));
    String meta = r.t("alerts.meta", s.sentAt().map(LOCAL::format).orElse("-"), s.sentBy().isEmpty() ? "-" : s.sentBy(), LOCAL.format(a.expires()), targets,
        r.t("alerts.severity." + severity), r.t("alerts.priority.short." + a.priority().wire()));
    String state = row.active() ? r.t("alerts.state.active")
        : s.withdrawnAt().map(w -> r.t("alerts.state.withdrawn", LOCAL.format(w), s.withdrawnBy())).orElse(r.t("alerts.state.expired"));
    List<TerminalLine> lines = new ArrayList<>();
    row.terminals().forEach((terminal, ack) -> lines.add(new TerminalLine(terminal,
        ack.shown().map(t -> r.t("alerts.ack.shown", LOCAL.format(t)))
            .or(() -> ack.received().map(t -> r.t("alerts.ack.received", LOCAL.format(t))))
            .orElse(r.t("alerts.ack.notYet")),
        ack.shown().isPresent())));
    return new Item(a.alertId(), severity, a.text(r.messages().lang()), meta, state, row.active(), r.t("alerts.summary", row.shownBy(), row.terminals().size()), lines);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private void send(ConsoleRequest r) throws Exception {
    var ctx = r.ctx();
    Map<String, String> text = new LinkedHashMap<>();
    for (String lang : Alert.REQUIRED_LANGUAGES) {
      String t = form(ctx, "text-" + lang);
      if (t.isEmpty()) {
        r.redirectWithProblem(HOME, r.t("alerts.problem.required"));
        return;
      }
      text.put(lang, t);
    }
    for (String lang : OPTIONAL_LANGUAGES) if (!form(ctx, "text-" + lang).isEmpty()) text.put(lang, form(ctx, "text-" + lang));
    Instant now = clock.instant();
    Alert alert;
    try {
      AlertTargets targets = "chosen".equals(ctx.formParam("to"))
          ? new AlertTargets(false, ctx.formParams("role").stream().filter(ROLES::contains).toList(), terminalIds(form(ctx, "terminals")))
          : AlertTargets.ALL;
      Duration lasts = EXPIRIES.get(form(ctx, "expires"));
      if (lasts == null) throw new IllegalArgumentException("expires");
      alert = new Alert(AlertRepository.newId(now), enumOf(Severity.class, form(ctx, "severity")), text, now.plus(lasts), targets,
          enumOf(AlertPriority.class, form(ctx, "priority")));
    } catch (IllegalArgumentException e) {
      r.redirectWithProblem(HOME, r.t("alerts.problem.targets"));
      return;
    }
    try {
      downlink.sendAlert(alert, r.user());
    } catch (IllegalArgumentException e) { // the same id a moment ago: a second click
      r.redirectWithProblem(HOME, r.t("alerts.problem.again"));
      return;
    }
    r.audited();
    r.redirect(HOME, r.t("alerts.sent", alert.alertId()));
  }

  private void cancel(ConsoleRequest r) throws Exception {
    String id = form(r.ctx(), "id");
    boolean withdrawn = downlink.withdrawAlert(id, r.user());
    r.audited();
    if (withdrawn) r.redirect(HOME, r.t("alerts.cancelled", id));
    else r.redirectWithProblem(HOME, r.t("alerts.problem.notActive", id));
  }

  /** Terminal ids typed by staff, separated by spaces or commas; a bad one fails the whole alert. */
  static List<String> terminalIds(String typed) {
    return java.util.Arrays.stream(typed.split("[\\s,、]+")).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
  }

  private static String form(io.javalin.http.Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null ? "" : v.strip();
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String wire) {
    return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
  }

  private static Map<String, Duration> expiries() {
    Map<String, Duration> m = new LinkedHashMap<>();
    m.put("30m", Duration.ofMinutes(30));
    m.put("1h", Duration.ofHours(1));
    m.put("3h", Duration.ofHours(3));
    m.put("6h", Duration.ofHours(6));
    m.put("12h", Duration.ofHours(12));
    m.put("1d", Duration.ofDays(1));
    m.put("3d", Duration.ofDays(3));
    return java.util.Collections.unmodifiableMap(m);
  }
}
