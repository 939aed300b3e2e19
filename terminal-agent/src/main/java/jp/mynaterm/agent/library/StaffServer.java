package jp.mynaterm.agent.library;

import static jp.mynaterm.agent.counter.CounterPage.body;
import static jp.mynaterm.agent.counter.CounterPage.field;
import static jp.mynaterm.agent.counter.CounterPage.reply;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.mynaterm.agent.counter.CardOnReader;
import jp.mynaterm.agent.counter.CounterPage;
import jp.mynaterm.agent.counter.PinAttempts;
import jp.mynaterm.agent.counter.PinDesk;
import jp.mynaterm.agent.counter.ResidentPinPage;
import jp.mynaterm.agent.counter.StaffSignIn;
import jp.mynaterm.agent.counter.Said;
import jp.mynaterm.agent.linking.CounterLinking;
import jp.mynaterm.agent.members.MemberIndex;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.message.AllowEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library counter's staff page: register the card on the reader as a library card (patron number
 * from the library system; the PIN typed by the patron on the resident PIN page or the reader's pad,
 * never on this page), look a patron up by tap, unlink, lend and take back
 * items over SIP2, and see and send what is queued while the library system is unreachable. Staff sign
 * in first (role library); registering spends the patron's PIN tries, at most
 * {@value PinAttempts#PER_MINUTE} a minute. It listens on loopback. While anything is queued, it tries to send it every {@code drainEvery}.
 */
public final class StaffServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StaffServer.class);
  public static final String SERVICE = "library";
  private static final String RESOURCES = "/jp/mynaterm/agent/library/web";
  private static final String PATRON = "[A-Za-z0-9-]{1,20}";
  private static final String ITEM = "[A-Za-z0-9-]{1,32}";

  /** The staff page's collaborators; {@code circulation} is empty when no library system is configured. */
  public record Counter(CardOnReader reader, HolderAuthentication authentication, CounterLinking linking, MemberIndex patrons, Optional<Circulation> circulation) {}

  private final Counter counter;
  /**
   * Links made at this counter that the hub's allow-list does not show yet (it arrives with the next
   * delta): so staff can lend at once to a patron just registered. The allow-list wins once it has the card.
   */
  private final Map<CardId, Patron> linkedHere = new ConcurrentHashMap<>();
  private final CounterPage page;
  /** Where the patron's PIN is asked for: the resident page (its own port) or the reader's PIN pad. */
  private final PinDesk desk;
  private final ResidentPinPage residentPage;
  private final Thread drainer;

  /**
   * @param residentUi where the resident-facing PIN page listens (a second display or keypad turned to the patron)
   * @param development whether the page shows the {@link jp.mynaterm.agent.counter.DevelopmentRibbon}
   */
  public StaffServer(Counter counter, StaffSignIn signIn, String host, int port, jp.mynaterm.config.HttpSettings residentUi, Duration drainEvery, boolean development) {
    this.counter = counter;
    this.desk = new PinDesk(counter.reader());
    this.residentPage = new ResidentPinPage(desk, RESOURCES, residentUi.host(), residentUi.port());
    this.page = new CounterPage(RESOURCES, host, port, signIn, development, this::routes);
    this.drainer = Thread.ofVirtual().name("library-drain").start(() -> drainLoop(drainEvery));
    log.info("library staff page on http://{}:{}/, resident PIN page on http://{}:{}/", host, page.port(), residentUi.host(), residentPage.port());
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
    routes.get("/api/status", ctx -> ctx.json(Map.of("libraryConnected", counter.circulation().isPresent())));
    routes.post("/api/register", this::register);
    routes.get("/api/pin", ctx -> ctx.json(desk.view()));
    routes.post("/api/pin/cancel", ctx -> reply(ctx, desk.cancel(), Map.of()));
    routes.post("/api/lookup", this::lookup);
    routes.post("/api/unlink", this::unlink);
    routes.post("/api/checkout", this::checkout);
    routes.post("/api/checkin", this::checkin);
    routes.post("/api/renew", this::renew);
    routes.post("/api/items", this::items);
    routes.get("/api/pending", ctx -> ctx.json(Map.of("pending", pendingList(false), "refused", pendingList(true), "registrations", registrationList())));
    routes.post("/api/drain", this::drain);
    routes.post("/api/handled", this::handled);
  }

  /**
   * Staff start a registration: the patron's PIN is then asked for on the resident's side (the
   * resident page, or the reader's PIN pad), never on this page; the answer says where, with the
   * tries left. The outcome shows on both pages ({@code GET /api/pin}).
   */
  private void register(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    CounterPage.refusePin(b);
    String patron = field(b, "patron", PATRON, "the patron number (letters, digits, '-', up to 20)");
    // The library system's word on the patron before the PIN: an unknown number spends no PIN try.
    boolean checkLater = false;
    boolean passwords = counter.circulation().map(Circulation::patronPasswords).orElse(false);
    if (counter.circulation().isPresent()) {
      switch (counter.circulation().get().checkPatron(patron)) {
        case Circulation.PatronCheck.Known k -> {}
        case Circulation.PatronCheck.Unknown u -> {
          reply(ctx, Said.no("register.unknownPatron", patron, u.message()), Map.of());
          return;
        }
        case Circulation.PatronCheck.WrongPassword w -> {}
        case Circulation.PatronCheck.Unreachable u -> {
          // The patron's password is checked by the library system now or never: this terminal keeps none.
          if (passwords) {
            reply(ctx, Said.no("register.passwordNeedsLibrary"), Map.of());
            return;
          }
          checkLater = true;
        }
      }
    }
    boolean waits = checkLater;
    String status = counter.circulation().isPresent() ? "checked" : "unconfirmed";
    PinDesk.PasswordCheck password = passwords ? typed -> passwordRefusal(counter.circulation().get().checkPassword(patron, typed), patron) : null;
    Said said = desk.open("pin.purpose.library", password, (card, pin, extra) -> switch (counter.linking().prove(card, pin)) {
      case CounterLinking.Outcome.Proven p when waits -> {
        try {
          counter.circulation().get().awaitCheck(p.cardId(), patron, p.notAfter());
          log.info("library card registered; the patron waits for the library system's check");
          yield Said.ok("register.waiting", patron);
        } catch (IOException e) {
          yield Said.no("register.notRecorded");
        }
      }
      case CounterLinking.Outcome.Proven p -> linked(counter.linking().record(p, patron, ""), patron, status);
      case CounterLinking.Outcome other -> linked(other, patron, status);
    });
    if (said.key().equals("pin.tooMany")) ctx.status(io.javalin.http.HttpStatus.TOO_MANY_REQUESTS);
    reply(ctx, said, Map.of());
  }

  /** The library system's word on the patron's password: empty when right (the PIN is asked for next). */
  private static Optional<Said> passwordRefusal(Circulation.PatronCheck check, String patron) {
    return switch (check) {
      case Circulation.PatronCheck.Known k -> Optional.empty();
      case Circulation.PatronCheck.WrongPassword w -> Optional.of(Said.no("register.wrongPassword"));
      case Circulation.PatronCheck.Unknown u -> Optional.of(Said.no("register.unknownPatron", patron, u.message()));
      case Circulation.PatronCheck.Unreachable u -> Optional.of(Said.no("register.passwordNeedsLibrary"));
    };
  }

  private Said linked(CounterLinking.Outcome outcome, String patron, String status) {
    return switch (outcome) {
      case CounterLinking.Outcome.Linked l -> {
        linkedHere.put(l.cardId(), new Patron(patron, status));
        log.info("library card linked at the counter");
        yield Said.ok("register.done", patron);
      }
      case CounterLinking.Outcome.CardFailed f -> Said.of(f.problem());
      case CounterLinking.Outcome.Rejected r -> Said.of(r.verdict());
      case CounterLinking.Outcome.NotRecorded n -> Said.no("register.notRecorded");
      case CounterLinking.Outcome.Proven p -> Said.no("register.notRecorded");
    };
  }

  /** A registration the library system has now confirmed: the link is recorded. */
  private boolean confirmed(PendingTransactions.Registration r) {
    CardId card = new CardId(r.cardId());
    boolean done = counter.linking().record(new CounterLinking.Outcome.Proven(card, r.notAfter()), r.patron(), "") instanceof CounterLinking.Outcome.Linked;
    if (done) linkedHere.put(card, new Patron(r.patron(), "checked"));
    return done;
  }

  private synchronized void lookup(Context ctx) {
    Map<String, Object> found = new LinkedHashMap<>();
    Said said = withCard(card -> switch (counter.authentication().checkPresent(card)) {
      case HolderAuthentication.Outcome.CardFailed f -> Said.of(f.problem());
      case HolderAuthentication.Outcome.Rejected r -> Said.of(r.verdict());
      case HolderAuthentication.Outcome.Authenticated a -> {
        Optional<Patron> p = patron(a.cardId());
        if (p.isEmpty()) yield Said.no("lookup.notRegistered");
        found.put("cardId", a.cardId().value());
        found.put("patron", p.get().number());
        found.put("status", p.get().status());
        yield Said.ok("lookup.found", p.get().number());
      }
    });
    reply(ctx, said, found);
  }

  private record Patron(String number, String status) {}

  /**
   * The allow-list's word on a card, else a link made here the hub has not listed yet, else a
   * registration waiting for (or refused by) the library system.
   */
  private Optional<Patron> patron(CardId card) {
    Optional<AllowEntry> listed = counter.patrons().find(card);
    if (listed.isPresent()) return Optional.of(new Patron(listed.get().member(), listed.get().status().name().toLowerCase()));
    Patron here = linkedHere.get(card);
    if (here != null || counter.circulation().isEmpty()) return Optional.ofNullable(here);
    try {
      return counter.circulation().get().registrations().reversed().stream()
          .filter(r -> r.cardId().equals(card.value()))
          .findFirst()
          .map(r -> new Patron(r.patron(), r.refusal().isEmpty() ? "waiting" : "refused"));
    } catch (IOException e) {
      log.warn("cannot read the waiting registrations: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** The card id and patron the page sends back after a lookup, checked against what this terminal knows. */
  private CardId linkedCard(JsonNode b) {
    String value = field(b, "cardId", "[A-Z2-7]{26}", "a card id from a lookup");
    String patron = field(b, "patron", PATRON, "the patron number from a lookup");
    CardId card = new CardId(value);
    Optional<Patron> known = patron(card);
    if (!known.map(p -> p.number().equals(patron)).orElse(false)) {
      throw new CounterPage.BadInput("this card is not linked to patron " + patron + "; look the patron up again");
    }
    if (known.get().status().equals("refused")) throw new CounterPage.BadInput("the library system did not confirm patron " + patron);
    return card;
  }

  private void unlink(Context ctx) {
    JsonNode b = body(ctx);
    CardId card = linkedCard(b);
    String patron = b.get("patron").asText().strip();
    String reason = field(b, "reason", "(?s).{1,200}", "a reason of up to 200 characters").replaceAll("\\s+", " ");
    Said said = switch (counter.linking().unlink(card, patron, reason)) {
      case CounterLinking.Outcome.NotRecorded n -> Said.no("register.notRecorded");
      default -> {
        linkedHere.remove(card);
        yield Said.ok("unlink.done", patron);
      }
    };
    reply(ctx, said, Map.of());
  }

  private void checkout(Context ctx) {
    JsonNode b = body(ctx);
    CardId card = linkedCard(b);
    String patron = b.get("patron").asText().strip();
    String item = field(b, "item", ITEM, "an item barcode (letters, digits, '-', up to 32)");
    reply(ctx, circulation(c -> c.checkout(card, patron, item), "checkout"), Map.of());
  }

  /** A return: the item alone (books come back through the book drop, without their reader or card). */
  private void checkin(Context ctx) {
    JsonNode b = body(ctx);
    String item = field(b, "item", ITEM, "an item barcode (letters, digits, '-', up to 32)");
    reply(ctx, circulation(c -> c.checkin(item), "checkin"), Map.of());
  }

  private void renew(Context ctx) {
    JsonNode b = body(ctx);
    linkedCard(b);
    String patron = b.get("patron").asText().strip();
    String item = field(b, "item", ITEM, "an item barcode (letters, digits, '-', up to 32)");
    reply(ctx, circulation(c -> c.renew(patron, item), "renew"), Map.of());
  }

  /** The patron's loans and holds, from the library system (63), for the patron looked up. */
  private void items(Context ctx) {
    JsonNode b = body(ctx);
    linkedCard(b);
    String patron = b.get("patron").asText().strip();
    if (counter.circulation().isEmpty()) {
      reply(ctx, Said.no("library.none"), Map.of());
      return;
    }
    try {
      Circulation.PatronItems items = counter.circulation().get().patronItems(patron);
      reply(ctx, Said.ok("items.found", items.loans().size(), items.holds().size()), Map.of("loans", items.loans(), "holds", items.holds()));
    } catch (jp.mynaterm.agent.library.sip2.Sip2Exception e) {
      reply(ctx, Said.no("library.failed", e.getMessage()), Map.of());
    }
  }

  private Said circulation(java.util.function.Function<Circulation, Circulation.Outcome> action, String what) {
    if (counter.circulation().isEmpty()) return Said.no("library.none");
    return switch (action.apply(counter.circulation().get())) {
      case Circulation.Outcome.Done d when !what.equals("checkin") -> Said.ok(what + ".done", d.title(), day(d.dueDate()));
      case Circulation.Outcome.Done d -> Said.ok("checkin.done", d.title());
      case Circulation.Outcome.Refused r -> Said.no(what + ".refused", r.message());
      case Circulation.Outcome.Queued q -> Said.ok(what + ".queued", q.pendingId());
      case Circulation.Outcome.Failed f -> Said.no("library.failed", f.reason());
    };
  }

  /** SIP2's YYYYMMDDZZZZHHMMSS as 2026-12-08 for staff; anything else (a free-text due date) as given. */
  static String day(String sip2Date) {
    return sip2Date.matches("\\d{8}.*") ? sip2Date.substring(0, 4) + "-" + sip2Date.substring(4, 6) + "-" + sip2Date.substring(6, 8) : sip2Date;
  }

  /** SIP2's YYYYMMDDZZZZHHMMSS as 2026-11-25 09:54. */
  static String time(String sip2Date) {
    return sip2Date.matches("\\d{8}.{4}\\d{6}") ? day(sip2Date) + " " + sip2Date.substring(12, 14) + ":" + sip2Date.substring(14, 16) : sip2Date;
  }

  /** Waiting transactions, or (refused) those the library system refused when they were sent, with its reason. */
  private java.util.List<Map<String, Object>> pendingList(boolean refused) throws IOException {
    if (counter.circulation().isEmpty()) return java.util.List.of();
    Circulation c = counter.circulation().get();
    return (refused ? c.refused() : c.pending()).stream()
        .map(p -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", p.id());
          m.put("kind", p.kind().name().toLowerCase());
          m.put("patron", p.patron());
          m.put("item", p.item());
          m.put("date", time(p.sip2Date()));
          m.put("attempts", p.attempts());
          m.put("lastError", p.lastError() == null ? "" : p.lastError());
          m.put("refusal", p.refusal());
          return m;
        })
        .toList();
  }

  /** Registrations waiting for the library system's check, and those it refused. */
  private java.util.List<Map<String, Object>> registrationList() throws IOException {
    if (counter.circulation().isEmpty()) return java.util.List.of();
    return counter.circulation().get().registrations().stream()
        .map(r -> Map.<String, Object>of("id", r.id(), "patron", r.patron(), "refusal", r.refusal()))
        .toList();
  }

  /** Staff handled a refused loan or return ({@code what} transaction) or a refused registration: it leaves the page. */
  private void handled(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    long id = Long.parseLong(field(b, "id", "\\d{1,18}", "the number of a refused transaction or registration"));
    String what = field(b, "what", "transaction|registration", "transaction or registration");
    if (counter.circulation().isEmpty()) {
      reply(ctx, Said.no("library.none"), Map.of());
      return;
    }
    Circulation c = counter.circulation().get();
    boolean done = what.equals("transaction") ? c.handled(id) : c.registrationHandled(id);
    reply(ctx, done ? Said.ok("handled.done", id) : Said.no("handled.none", id), Map.of());
  }

  /** Sends the queue and checks waiting registrations; how many transactions went. */
  private int sendWaiting() throws IOException {
    Circulation c = counter.circulation().get();
    int sent = c.pending().isEmpty() ? 0 : c.drain();
    boolean registrationsWait = c.registrations().stream().anyMatch(r -> r.refusal().isEmpty());
    if (registrationsWait) c.checkRegistrations(this::confirmed);
    return sent;
  }

  private void drain(Context ctx) throws IOException {
    if (counter.circulation().isEmpty()) {
      reply(ctx, Said.no("library.none"), Map.of());
      return;
    }
    int sent = sendWaiting();
    int left = counter.circulation().get().pending().size();
    reply(ctx, left == 0 ? Said.ok("drain.done", sent) : Said.no("drain.partly", sent, left), Map.of("sent", sent, "left", left));
  }

  private void drainLoop(Duration every) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(every); // a queue waits for the library system; once a minute is soon enough
        if (counter.circulation().isPresent()) {
          int sent = sendWaiting();
          if (sent > 0) log.info("sent {} queued library transactions", sent);
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        log.warn("background drain failed: {}", e.getMessage());
      }
    }
  }

  private Said withCard(java.util.function.Function<MyNumberCard, Said> use) {
    return switch (counter.reader().connect()) {
      case CardResult.Failed<MyNumberCard> f -> Said.of(f.problem());
      case CardResult.Ok<MyNumberCard> ok -> {
        try {
          yield use.apply(ok.value());
        } finally {
          ok.value().disconnect(); // with a reset: the verified PIN does not outlive the staff action
        }
      }
    };
  }

  @Override
  public void close() {
    drainer.interrupt();
    desk.close();
    residentPage.close();
    page.close();
  }
}
