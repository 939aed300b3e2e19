package jp.mynaterm.agent.hospital;

import static jp.mynaterm.agent.counter.CounterPage.body;
import static jp.mynaterm.agent.counter.CounterPage.reply;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import jp.mynaterm.agent.counter.CardOnReader;
import jp.mynaterm.agent.counter.CounterPage;
import jp.mynaterm.agent.counter.PinAttempts;
import jp.mynaterm.agent.counter.StaffSignIn;
import jp.mynaterm.agent.counter.Said;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.protocol.event.RefusalReason;

/**
 * The hospital reception's local page: the patient puts the card on the reader and types the PIN
 * (here or on a keypad that types into it); the page says "checked in, number N" (and the slip
 * prints) or "please go to the counter". Staff open it by signing in (role hospital); check-ins spend
 * the patient's PIN tries, at most {@value PinAttempts#PER_MINUTE} a minute. Loopback only.
 */
public final class ReceptionServer implements AutoCloseable {
  private static final String RESOURCES = "/jp/mynaterm/agent/hospital/web";

  private final CardOnReader reader;
  private final HolderAuthentication authentication;
  private final Reception reception;
  private final CounterPage page;
  private final PinAttempts pinAttempts = new PinAttempts(java.time.Clock.systemUTC());

  /** @param development whether the page shows the {@link jp.mynaterm.agent.counter.DevelopmentRibbon} */
  public ReceptionServer(CardOnReader reader, HolderAuthentication authentication, Reception reception, StaffSignIn signIn, String host, int port, boolean development) {
    this.reader = reader;
    this.authentication = authentication;
    this.reception = reception;
    this.page = new CounterPage(RESOURCES, host, port, signIn, development, this::routes);
  }

  public int port() {
    return page.port();
  }

  /** What staff are warned of about the terminal's lists ({@link CounterPage#listWarning}). */
  public void listWarning(java.util.function.Supplier<java.util.Optional<String>> warning) {
    page.listWarning(warning);
  }

  private void routes(RoutesConfig routes) {
    routes.post("/api/checkin", this::checkIn);
  }

  private synchronized void checkIn(Context ctx) {
    char[] pin = CounterPage.pin(body(ctx));
    if (CounterPage.refusedOverLimit(ctx, pinAttempts)) {
      java.util.Arrays.fill(pin, '\0');
      return;
    }
    int[] number = {0};
    Said said = switch (reader.connect()) {
      case CardResult.Failed<MyNumberCard> f -> Said.of(f.problem());
      case CardResult.Ok<MyNumberCard> card -> {
        HolderAuthentication.Outcome outcome;
        try {
          outcome = authentication.authenticate(card.value(), pin);
        } finally {
          card.value().disconnect(); // with a reset: the verified PIN does not outlive the check-in
        }
        yield switch (outcome) {
          case HolderAuthentication.Outcome.CardFailed f -> Said.of(f.problem());
          case HolderAuthentication.Outcome.Rejected r -> Said.of(r.verdict());
          case HolderAuthentication.Outcome.Authenticated a -> switch (reception.checkIn(a.cardId())) {
            case Reception.Outcome.CheckedIn c -> {
              number[0] = c.queueNumber();
              String key = c.slipProblem().isPresent() ? "checkin.noSlip" : c.reprint() ? "checkin.again" : "checkin.done";
              yield Said.ok(key, c.queueNumber());
            }
            case Reception.Outcome.GoToCounter g -> Said.no(counterKey(g.reason()));
            case Reception.Outcome.Fault f -> Said.no("checkin.fault");
          };
        };
      }
    };
    java.util.Arrays.fill(pin, '\0');
    reply(ctx, said, number[0] > 0 ? Map.of("number", number[0]) : Map.of());
  }

  /** The page's words for a refusal, in its bundles under the reason's wire name. */
  static String counterKey(RefusalReason reason) {
    return "checkin.counter." + reason.wire();
  }

  @Override
  public void close() {
    page.close();
  }
}
