package jp.mynaterm.agent.hospital;

import static jp.mynaterm.agent.counter.CounterPage.reply;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.agent.speech.SpeechSynthesizer;
import jp.mynaterm.agent.counter.CardOnReader;
import jp.mynaterm.agent.counter.CounterPage;
import jp.mynaterm.agent.counter.PinAttempts;
import jp.mynaterm.agent.counter.PinDesk;
import jp.mynaterm.agent.counter.ResidentPinPage;
import jp.mynaterm.agent.counter.StaffSignIn;
import jp.mynaterm.agent.counter.Said;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.protocol.event.RefusalReason;

/**
 * The hospital reception's two pages. The patient's page ({@code hospital.residentUi}, a display or
 * touch screen turned to the patient, with a USB keypad if wanted) speaks the kiosk's eight languages
 * ({@link #LANGUAGES}) and reads its words aloud: the patient puts the card on the reader, presses
 * "check in", types the PIN there (or on the reader's own pad) and sees and hears "checked in, number
 * N" (the slip prints) or "please go to the counter". The staff's page ({@code hospital.receptionUi},
 * signed in, role hospital, Japanese or English) follows the same request and can start a check-in
 * for the patient; the PIN is never typed there. Check-ins spend the patient's PIN tries, at most
 * {@value PinAttempts#PER_MINUTE} a minute. Loopback only.
 */
public final class ReceptionServer implements AutoCloseable {
  private static final String RESOURCES = "/jp/mynaterm/agent/hospital/web";
  /** The patient page's own words, in every language it speaks. */
  static final String PATIENT = "/jp/mynaterm/agent/hospital/patient";
  /** The kiosk's languages: the patient page speaks them all. */
  public static final List<String> LANGUAGES = List.of("ja", "ja-easy", "en", "zh-CN", "ko", "pt-BR", "vi", "tl");

  private final HolderAuthentication authentication;
  private final Reception reception;
  private final CounterPage page;
  private final PinDesk desk;
  private final ResidentPinPage residentPage;

  /**
   * @param residentUi where the resident-facing PIN page listens (the patient's display or keypad)
   * @param development whether the page shows the {@link jp.mynaterm.agent.counter.DevelopmentRibbon}
   */
  public ReceptionServer(CardOnReader reader, HolderAuthentication authentication, Reception reception, StaffSignIn signIn, String host, int port,
      jp.mynaterm.config.HttpSettings residentUi, boolean development) {
    this(reader, authentication, reception, signIn, host, port, residentUi, development, Optional.empty());
  }

  /** @param speech reads the patient page's words aloud; empty where the terminal has no voices */
  public ReceptionServer(CardOnReader reader, HolderAuthentication authentication, Reception reception, StaffSignIn signIn, String host, int port,
      jp.mynaterm.config.HttpSettings residentUi, boolean development, Optional<SpeechSynthesizer> speech) {
    this.authentication = authentication;
    this.reception = reception;
    this.desk = new PinDesk(reader);
    this.residentPage = new ResidentPinPage(desk, RESOURCES, residentUi.host(), residentUi.port(),
        new ResidentPinPage.Facing(LANGUAGES, PATIENT, "patient.start", this::startCheckIn, speech));
    this.page = new CounterPage(RESOURCES, host, port, signIn, development, this::routes);
  }

  public int port() {
    return page.port();
  }

  /** The resident-facing PIN page's port. */
  public int residentPort() {
    return residentPage.port();
  }

  /** The city's alerts, in the banner of the staff's page and the resident's ({@link jp.mynaterm.agent.counter.CityAlerts}). */
  public void alerts(java.util.function.Supplier<java.util.List<jp.mynaterm.protocol.message.Alert>> active, java.util.function.Consumer<String> shown) {
    page.alerts().from(active, shown);
    residentPage.alerts().from(active, shown);
  }

  /** What staff are warned of about the terminal's lists ({@link CounterPage#listWarning}). */
  public void listWarning(java.util.function.Supplier<java.util.Optional<String>> warning) {
    page.listWarning(warning);
  }

  private void routes(RoutesConfig routes) {
    routes.post("/api/checkin", this::checkIn);
    routes.get("/api/pin", ctx -> ctx.json(desk.view()));
    routes.post("/api/pin/cancel", ctx -> reply(ctx, desk.cancel(), Map.of()));
  }

  /**
   * A check-in starts: the patient's PIN is then asked for on the resident PIN page (or the reader's
   * pad), with the tries left; the outcome, with the queue number, shows on both pages.
   */
  private void checkIn(Context ctx) {
    CounterPage.refusePin(CounterPage.body(ctx));
    Said said = startCheckIn();
    if (said.key().equals("pin.tooMany")) ctx.status(io.javalin.http.HttpStatus.TOO_MANY_REQUESTS);
    reply(ctx, said, Map.of());
  }

  /** Opens the PIN request of a check-in: from the patient's start button or the staff's page. */
  private Said startCheckIn() {
    return desk.open("pin.purpose.hospital", (card, pin, extra) -> switch (authentication.authenticate(card, pin)) {
      case HolderAuthentication.Outcome.CardFailed f -> Said.of(f.problem());
      case HolderAuthentication.Outcome.Rejected r -> Said.of(r.verdict());
      case HolderAuthentication.Outcome.Authenticated a -> {
        yield switch (reception.checkIn(a.cardId())) {
          case Reception.Outcome.CheckedIn c -> {
            extra.put("number", c.queueNumber());
            String key = c.slipProblem().isPresent() ? "checkin.noSlip" : c.reprint() ? "checkin.again" : "checkin.done";
            yield Said.ok(key, c.queueNumber());
          }
          case Reception.Outcome.GoToCounter g -> Said.no(counterKey(g.reason()));
          case Reception.Outcome.Fault f -> Said.no("checkin.fault");
        };
      }
    });
  }

  /** The page's words for a refusal, in its bundles under the reason's wire name. */
  static String counterKey(RefusalReason reason) {
    return "checkin.counter." + reason.wire();
  }

  @Override
  public void close() {
    desk.close();
    residentPage.close();
    page.close();
  }
}
