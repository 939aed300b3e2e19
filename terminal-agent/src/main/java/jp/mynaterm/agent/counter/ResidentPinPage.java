package jp.mynaterm.agent.counter;

import io.javalin.Javalin;
import java.util.List;
import java.util.Map;

/**
 * The resident-facing PIN page of a counter, on its own port, apart from the staff's page: meant for
 * a second display turned to the resident (a browser in kiosk mode) with a touch keypad, or a USB
 * numeric keypad typing into it. It shows what the PIN is for, the tries left and a warning before
 * the last try, and takes one PIN per request staff open on their page ({@link PinDesk}). It needs no
 * staff sign-in: without a request open, it has nothing to take. The PIN goes as bytes from the page
 * to the card ({@link PinBody}). Loopback by default, like every terminal page.
 */
public final class ResidentPinPage implements AutoCloseable {
  private final Javalin app;
  private final CityAlerts alerts = new CityAlerts();

  /**
   * @param resources the counter page's resource folder, whose words (the outcomes: registered, checked
   *     in, go to the counter) the resident page shows too, with the shared ones
   */
  public ResidentPinPage(PinDesk desk, String resources, String host, int port) {
    PageGuard guard = new PageGuard();
    app = CounterPage.server(guard, routes -> {
      routes.get("/", ctx -> CounterPage.file(ctx, CounterPage.SHARED + "/resident.html", guard, false));
      alerts.install(routes, resources);
      for (String file : List.of("resident.js", "page.css", "alerts.js")) routes.get("/" + file, ctx -> CounterPage.file(ctx, CounterPage.SHARED + "/" + file, guard, false));
      routes.get("/api/messages", ctx -> ctx.json(CounterPage.messages(resources, CounterPage.language(ctx.queryParam("lang")))));
      routes.get("/api/pin", ctx -> ctx.json(desk.view()));
      routes.post("/api/pin", ctx -> {
        PinDesk.Answer a = desk.enter(PinBody.digits(ctx));
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

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
