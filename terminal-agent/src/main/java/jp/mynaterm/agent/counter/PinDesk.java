package jp.mynaterm.agent.counter;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pinpad.PinEntry;
import jp.mynaterm.hardware.card.pinpad.PinPad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A counter's PIN entry, apart from the staff's page: staff ask for the PIN ({@link #open}), which
 * connects the card on the reader, holds it exclusively and reads its tries left; the resident then
 * types the PIN on the resident-facing page ({@link ResidentPinPage}: a second display or a USB
 * numeric keypad, with the tries left and a warning before the last try), or on the reader's own PIN
 * pad where it has one (the PIN then never reaches this host). Once the PIN is given, the card is
 * used ({@link PinUse}: link, check in) and released with a reset; both pages are told the outcome.
 *
 * <p>One request at a time; one PIN per request (a wrong PIN ends it: staff ask again, and the
 * tries left are read again). A request nobody answers ends after {@link #WAIT}. Staff may ask at
 * most {@value PinAttempts#PER_MINUTE} times a minute.
 */
public final class PinDesk implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PinDesk.class);
  /** How long a request waits for the resident's PIN before the card is released. */
  public static final Duration WAIT = Duration.ofMinutes(2);

  /** What to do with the card once the PIN is given (the card held, the PIN not yet verified). */
  @FunctionalInterface
  public interface PinUse {
    /** @return what both pages say; {@code extra} is shown with it (a queue number) */
    Said use(MyNumberCard card, PinEntry pin, Map<String, Object> extra);
  }

  /** What a page is told after the PIN: the words, and anything shown with them (a queue number). */
  public record Answer(Said said, Map<String, Object> extra) {}

  /**
   * A password of the service's own the resident gives before the PIN (the library's patron
   * password), checked by the service: a wrong one ends the request before the card's PIN is asked
   * for, so it spends no PIN try.
   */
  @FunctionalInterface
  public interface PasswordCheck {
    /** @return empty when it is right (the PIN is asked for next); else what both pages say. The caller wipes the password. */
    Optional<Said> check(char[] password);
  }

  private enum Phase { IDLE, PASSWORD, ENTER, PAD, WORKING, DONE }

  private final CardOnReader reader;
  private final PinAttempts attempts;
  private long requests;
  private Phase phase = Phase.IDLE;
  private String purpose = "";
  private int triesLeft;
  private MyNumberCard card;
  private PinUse use;
  private Optional<PinPad> pad = Optional.empty();
  private PasswordCheck passwordCheck;
  private Said outcome;
  private Map<String, Object> outcomeExtra = Map.of();

  public PinDesk(CardOnReader reader) {
    this(reader, new PinAttempts(Clock.systemUTC()));
  }

  public PinDesk(CardOnReader reader, PinAttempts attempts) {
    this.reader = reader;
    this.attempts = attempts;
  }

  /**
   * Staff ask for the resident's PIN for {@code purpose} (a message key, e.g. {@code pin.purpose.library}).
   * Any request still open is cancelled. The answer tells staff where the PIN is awaited and the tries left.
   * One at a time: a second staff click waits for the first's card reads.
   */
  public synchronized Said open(String purpose, PinUse use) {
    return open(purpose, null, use);
  }

  /**
   * {@link #open(String, PinUse)} where the resident first types the service's own password on the
   * resident page ({@code password}, checked before the PIN is asked for); null for none.
   */
  public synchronized Said open(String purpose, PasswordCheck password, PinUse use) {
    if (!attempts.take()) return Said.no("pin.tooMany", PinAttempts.PER_MINUTE);
    cancel();
    MyNumberCard connected;
    switch (reader.connect()) {
      case CardResult.Failed<MyNumberCard> f -> {
        return Said.of(f.problem());
      }
      case CardResult.Ok<MyNumberCard> ok -> connected = ok.value();
    }
    // Read first, as before every PIN entry; this also begins the card's exclusive hold.
    int tries;
    switch (connected.pinTriesLeft()) {
      case CardResult.Failed<Integer> f -> {
        connected.disconnect();
        return Said.of(f.problem());
      }
      case CardResult.Ok<Integer> ok -> tries = ok.value();
    }
    if (tries == 0) {
      connected.disconnect();
      return Said.no("card.pinBlocked");
    }
    Optional<PinPad> pad = connected.pinPad();
    long id;
    synchronized (this) {
      id = ++requests;
      this.purpose = purpose;
      this.triesLeft = tries;
      this.card = connected;
      this.use = use;
      this.pad = pad;
      this.passwordCheck = password;
      this.outcome = null;
      this.outcomeExtra = Map.of();
      this.phase = password != null ? Phase.PASSWORD : pad.isPresent() ? Phase.PAD : Phase.ENTER;
    }
    if (phase == Phase.PAD) {
      startPad(id, connected, use, pad.get());
    } else {
      Thread.ofVirtual().name("pin wait").start(() -> expireAfter(id));
    }
    String key = password != null ? "pin.waitingPassword" : pad.isPresent() ? "pin.waitingPad" : "pin.waiting";
    return tries == 1 ? Said.ok(key + "Last", tries) : Said.ok(key, tries < 0 ? "?" : tries);
  }

  private void startPad(long id, MyNumberCard c, PinUse u, PinPad p) {
    Thread.ofVirtual().name("pin pad").start(() -> finish(id, c, u, new PinEntry.OnReaderPad(p)));
  }

  /**
   * The resident's password of the service's own (before the PIN), from the resident page: checked,
   * then the PIN is asked for (on the page or the reader's pad); a wrong one ends the request with
   * no PIN try spent. The characters are wiped.
   */
  public Answer password(char[] password) {
    long id;
    PasswordCheck check;
    synchronized (this) {
      if (phase != Phase.PASSWORD) {
        Arrays.fill(password, '\0');
        return new Answer(Said.no("pin.noRequest"), Map.of());
      }
      phase = Phase.WORKING;
      id = requests;
      check = passwordCheck;
    }
    Optional<Said> refused;
    try {
      refused = check.check(password);
    } catch (RuntimeException e) {
      log.error("password check failed", e);
      refused = Optional.of(Said.no("card.problem", e.getClass().getSimpleName()));
    } finally {
      Arrays.fill(password, '\0');
    }
    MyNumberCard release = null;
    Said said;
    synchronized (this) {
      if (requests != id || phase != Phase.WORKING) return new Answer(Said.no("pin.noRequest"), Map.of());
      if (refused.isPresent()) {
        release = card;
        card = null;
        use = null;
        phase = Phase.DONE;
        outcome = refused.get();
        outcomeExtra = Map.of();
        said = outcome;
      } else {
        phase = pad.isPresent() ? Phase.PAD : Phase.ENTER;
        if (phase == Phase.PAD) startPad(id, card, use, pad.get());
        said = Said.ok(pad.isPresent() ? "pin.passwordOkPad" : "pin.passwordOk");
      }
    }
    if (release != null) release.disconnect();
    return new Answer(said, Map.of());
  }

  /** The resident's digits from the resident page: one VERIFY, then the request's use. The digits are wiped. */
  public Answer enter(char[] pin) {
    long id;
    MyNumberCard c;
    PinUse u;
    synchronized (this) {
      if (phase != Phase.ENTER) {
        Arrays.fill(pin, '\0');
        return new Answer(Said.no(phase == Phase.PAD ? "pin.onPad" : "pin.noRequest"), Map.of());
      }
      phase = Phase.WORKING;
      id = requests;
      c = card;
      u = use;
    }
    return finish(id, c, u, new PinEntry.Typed(pin));
  }

  private Answer finish(long id, MyNumberCard c, PinUse u, PinEntry pin) {
    Map<String, Object> extra = new LinkedHashMap<>();
    Said said;
    try {
      said = u.use(c, pin, extra);
    } catch (RuntimeException e) {
      log.error("PIN request failed", e);
      said = Said.no("card.problem", e.getClass().getSimpleName());
    } finally {
      if (pin instanceof PinEntry.Typed t) t.wipe();
      c.disconnect(); // with a reset: the verified PIN does not outlive the request
    }
    synchronized (this) {
      if (requests == id) {
        phase = Phase.DONE;
        outcome = said;
        outcomeExtra = Map.copyOf(extra);
        card = null;
        use = null;
      }
    }
    return new Answer(said, Map.copyOf(extra));
  }

  /** Ends the open request (staff or resident pressed cancel, or it waited too long); a PIN pad entry runs to its own end. */
  public Said cancel() {
    MyNumberCard release;
    synchronized (this) {
      if (phase != Phase.ENTER && phase != Phase.PASSWORD) return Said.no("pin.noRequest");
      release = card;
      card = null;
      use = null;
      phase = Phase.DONE;
      outcome = Said.no("pin.cancelled");
      outcomeExtra = Map.of();
    }
    release.disconnect();
    return outcome;
  }

  private void expireAfter(long id) {
    try {
      Thread.sleep(WAIT); // a request's lifetime, not a wait for something to happen
    } catch (InterruptedException e) {
      return;
    }
    synchronized (this) {
      if (requests != id || (phase != Phase.ENTER && phase != Phase.PASSWORD)) return;
    }
    cancel();
  }

  /**
   * What the pages show: {@code state} idle / password (type the service's own password here first) /
   * enter (type the PIN here) / pad (type it on the reader) / working / done; while waiting, the purpose and tries left ({@code lastTry} before the last one);
   * when done, the outcome ({@code ok}, {@code key}, {@code args} and any extra).
   */
  public synchronized Map<String, Object> view() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("state", phase.name().toLowerCase());
    v.put("request", requests);
    if (phase == Phase.PASSWORD || phase == Phase.ENTER || phase == Phase.PAD || phase == Phase.WORKING) {
      v.put("purpose", purpose);
      v.put("triesLeft", triesLeft);
      v.put("lastTry", triesLeft == 1);
    }
    if (phase == Phase.DONE && outcome != null) {
      v.putAll(outcomeExtra);
      v.put("ok", outcome.ok());
      v.put("key", outcome.key());
      v.put("args", outcome.args());
    }
    return v;
  }

  @Override
  public void close() {
    cancel();
  }
}
