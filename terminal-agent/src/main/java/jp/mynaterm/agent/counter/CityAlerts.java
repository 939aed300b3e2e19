package jp.mynaterm.agent.counter;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import jp.mynaterm.protocol.message.Alert;

/**
 * The city's alerts (disaster, closure) on a counter page, staff's and the resident's alike: a banner
 * at the top of the page while one is active ({@code alerts.js}, added to every page, asks every few
 * seconds), in the page's language, and the terminal told once it is on screen (the agent acknowledges
 * it to the hub). Before sign-in too: an evacuation does not wait for a password.
 */
public final class CityAlerts {
  /** The routes a page without sign-in may call for the banner ({@link StaffSignIn}'s open paths). */
  static final List<String> PATHS = List.of("/api/alerts", "/api/alert-shown");

  private volatile Supplier<List<Alert>> active = List::of;
  private volatile Consumer<String> shown = id -> {};

  /** Where the alerts come from (the agent's active ones, most urgent first) and whom to tell that one is shown. */
  public void from(Supplier<List<Alert>> active, Consumer<String> shown) {
    this.active = active;
    this.shown = shown;
  }

  void install(RoutesConfig routes, String resources) {
    routes.get(PATHS.get(0), ctx -> {
      String lang = CounterPage.language(ctx.queryParam("lang"));
      Map<String, String> words = CounterPage.messages(resources, lang);
      ctx.json(active.get().stream().map(a -> {
        String severity = a.severity().name().toLowerCase(java.util.Locale.ROOT);
        return Map.of("id", a.alertId(), "severity", severity, "title", words.getOrDefault("alert." + severity, severity), "text", a.text(lang));
      }).toList());
    });
    routes.post(PATHS.get(1), ctx -> {
      String id = CounterPage.field(CounterPage.body(ctx), "id", "[\\S]{1,100}", "an alert id");
      if (active.get().stream().anyMatch(a -> a.alertId().equals(id))) shown.accept(id);
      ctx.status(HttpStatus.NO_CONTENT);
    });
  }
}
