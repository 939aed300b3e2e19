package jp.mynaterm.agent.taxi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.downlink.DownlinkStore;
import jp.mynaterm.agent.members.AllowListFeed;
import jp.mynaterm.agent.members.MemberIndex;
import jp.mynaterm.agent.trust.CardTrust;
import jp.mynaterm.agent.usage.AgentRecorder;
import jp.mynaterm.config.ConfigException;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pcsc.ReaderWatcher;
import jp.mynaterm.hardware.card.pcsc.Readers;
import jp.mynaterm.hardware.gpio.Button;
import jp.mynaterm.hardware.gpio.GpioPanel;
import jp.mynaterm.hardware.health.PeripheralHealth;
import jp.mynaterm.hardware.location.GpsdLocation;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.event.RefusalReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demand taxi's vehicle reader as it runs in the car: the agent (outbox, sync, downlink), the
 * riders' allow-list and the revocation list in memory and kept in step with what the hub sends, a
 * card laid on the configured reader read without a PIN and decided by {@link RideDecider}, the
 * answer shown for {@link #ANSWER_SHOWN}, and the driver's ACKNOWLEDGE button opening and closing
 * the shift.
 */
public final class TaxiTerminal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TaxiTerminal.class);
  /** How long the green or red answer stays before the reader goes back to idle. */
  public static final Duration ANSWER_SHOWN = Duration.ofSeconds(2);

  /** One tap and what came of it, for a log line or a demo. */
  public record Answer(String reader, Tap tap, RideDecider.TapResult result, Duration took) {}

  private final Agent agent;
  private final MemberIndex riders;
  private final RevocationStore revocations;
  private final HolderAuthentication authentication;
  private final RideDecider rides;
  private final String readerName;
  private final List<Consumer<Answer>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final ScheduledExecutorService idleTimer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("taxi-idle").factory());
  private ScheduledFuture<?> pendingIdle;
  private ReaderWatcher watcher;
  /** The boarding location, where {@code taxi.gpsd} names a gpsd; null otherwise. */
  private final GpsdLocation gpsd;
  /** The driver's display page, where {@code taxi.display} names an address; null otherwise. */
  private final DriverDisplay display;

  private TaxiTerminal(Agent agent, TaxiConfig config, String source, TrustAnchors anchors, GpioPanel panel, PeripheralHealth health, Clock clock)
      throws IOException {
    this.agent = agent;
    this.riders = AllowListFeed.follow(agent.downlink(), RideDecider.SERVICE);
    this.revocations = CardTrust.followRevocations(agent.downlink());
    // The verifier checks chain and validity only; revocation is the ride decider's, so a
    // revoked card's refusal carries its CardId to the hub.
    this.authentication = new HolderAuthentication(new CardVerifier(anchors, new RevocationStore(), CardTrust.cardIds(config.card(), source), agent.messages().clock()));
    this.gpsd = config.taxi().gpsd().isEmpty() ? null : GpsdLocation.start(config.taxi().gpsd(), clock);
    java.util.function.Supplier<Optional<jp.mynaterm.protocol.event.Location>> location = gpsd != null ? gpsd : Optional::empty;
    this.rides =
        RideDecider.builder(config.taxi())
            .riders(riders)
            .revoked(revocations::isRevoked)
            .recorder(new AgentRecorder(agent))
            .signals(panel, panel)
            .shifts(new ShiftStore(agent.outbox(), agent::record))
            .location(location)
            .clock(clock, ZoneId.systemDefault())
            .manifest(agent.downlink()::taxiManifest)
            .build();
    this.display = config.taxi().display() == null ? null : DriverDisplay.startOrWarn(config.taxi().display(), rides, ZoneId.systemDefault(), config.development());
    if (display != null) {
      listeners.add(a -> display.show(a.result()));
      display.alerts(agent::activeAlerts);
    }
    this.readerName = config.card().reader();
    panel.onPress(button -> {
      if (button == Button.ACKNOWLEDGE) rides.shiftButton();
    });
    agent.peripherals(health::states);
    // The lists age by the clock, not only when they change: checked every minute and after each change.
    checkLists();
    agent.downlink().onChange(list -> checkLists());
    idleTimer.scheduleWithFixedDelay(this::checkLists, 1, 1, TimeUnit.MINUTES);
    agent.onAlerts(this::announceAlerts);
    announceAlerts(); // those held from before a restart, still active
  }

  private final java.util.Set<String> announced = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<Consumer<jp.mynaterm.protocol.message.Alert>> alertListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Called once with each alert for this taxi as it arrives (most urgent first). The driver's display
   * page shows every active one (and reads a new one aloud); the terminal's output logs each, in
   * Japanese and English, for a vehicle without the page. It then counts as shown.
   */
  public synchronized void onAlert(Consumer<jp.mynaterm.protocol.message.Alert> listener) {
    alertListeners.add(listener);
    agent.activeAlerts().stream().filter(a -> announced.contains(a.alertId())).forEach(listener); // those it came too late for
  }

  private synchronized void announceAlerts() {
    for (var a : agent.activeAlerts()) {
      if (!announced.add(a.alertId())) continue;
      log.warn("ALERT for the driver [{} {}] {} / {}", a.severity().name().toLowerCase(java.util.Locale.ROOT), a.priority().wire(), a.text("ja"), a.text("en"));
      for (var l : alertListeners) {
        try {
          l.accept(a);
        } catch (RuntimeException e) {
          log.warn("alert listener failed", e);
        }
      }
      agent.alertShown(a.alertId());
    }
  }

  private void checkLists() {
    try {
      rides.listsOld(agent.listAges().warn());
    } catch (RuntimeException e) {
      log.warn("cannot check the lists' age: {}", e.toString());
    }
  }

  /**
   * Starts the agent and the terminal; call {@link #watchReaders()} to take taps from pcscd.
   *
   * @param source the configuration's file name, for the error a setting the reader cannot honour gives
   * @throws ConfigException when the configuration asks for what a headless reader cannot do
   */
  public static TaxiTerminal start(TaxiConfig config, String source, String version, TrustAnchors anchors, GpioPanel panel, PeripheralHealth health, Clock clock)
      throws IOException {
    refuseUnsupported(config, source);
    Agent agent = Agent.start(config, version);
    try {
      return new TaxiTerminal(agent, config, source, anchors, panel, health, clock);
    } catch (IOException | RuntimeException e) {
      agent.close();
      throw e;
    }
  }

  /** A PIN needs a PIN pad, and this reader has none: refused at start rather than refusing every rider. */
  public static void refuseUnsupported(TaxiConfig config, String source) {
    if (config.taxi().requirePin()) {
      throw new ConfigException(
          source,
          "taxi.requirePin",
          "true needs a PIN pad, which the headless vehicle reader does not have; set it to false (see terminal-agent/README.md, Taxi)");
    }
  }

  /** Starts taking taps from cards laid on the configured reader (any reader when none is configured). */
  public synchronized void watchReaders() {
    if (watcher != null) return;
    watcher = Readers.ofThisJvm().watch(event -> {
      if (event instanceof ReaderWatcher.Event.CardInserted inserted && (readerName.isEmpty() || inserted.reader().contains(readerName))) {
        tapOn(inserted.reader());
      }
    }, Duration.ofSeconds(1));
    log.info("taxi {}: watching {}", agent.terminal(), readerName.isEmpty() ? "every reader" : "reader '" + readerName + "'");
  }

  /** Someone wants to hear about every tap (the demo prints it). */
  public void onAnswer(Consumer<Answer> listener) {
    listeners.add(listener);
  }

  /** A card was laid on {@code reader}: read it, decide, answer, and go back to idle a little later. */
  public Answer tapOn(String reader) {
    long t = System.nanoTime();
    Tap tap = switch (Readers.ofThisJvm().connect(reader).map(MyNumberCard::new)) {
      case CardResult.Failed<MyNumberCard> f -> new Tap.Unreadable(RefusalReason.REMOVED);
      case CardResult.Ok<MyNumberCard> ok -> {
        try {
          yield Tap.read(authentication, ok.value());
        } finally {
          ok.value().disconnect();
        }
      }
    };
    return answer(reader, tap, t);
  }

  /** A card already connected (a counter's in-process card, a test's): read, decide and answer as {@link #tapOn} does. */
  public Answer tap(MyNumberCard card) {
    long t = System.nanoTime();
    return answer(card.reader(), Tap.read(authentication, card), t);
  }

  private Answer answer(String reader, Tap tap, long startNanos) {
    RideDecider.TapResult result = rides.tap(tap);
    Answer answer = new Answer(reader, tap, result, Duration.ofNanos(System.nanoTime() - startNanos));
    log.info("tap on {}: {} in {} ms", reader, result, answer.took().toMillis());
    scheduleIdle();
    for (Consumer<Answer> l : listeners) {
      try {
        l.accept(answer);
      } catch (RuntimeException e) {
        log.warn("tap listener failed", e);
      }
    }
    return answer;
  }

  private synchronized void scheduleIdle() {
    if (pendingIdle != null) pendingIdle.cancel(false);
    if (!idleTimer.isShutdown()) pendingIdle = idleTimer.schedule(rides::idle, ANSWER_SHOWN.toMillis(), TimeUnit.MILLISECONDS);
  }

  public Agent agent() {
    return agent;
  }

  public RideDecider rides() {
    return rides;
  }

  public MemberIndex riders() {
    return riders;
  }

  public RevocationStore revocations() {
    return revocations;
  }

  /** The driver display's port, if it is served. */
  public java.util.OptionalInt displayPort() {
    return display == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(display.port());
  }

  @Override
  public void close() {
    synchronized (this) {
      if (watcher != null) watcher.close();
    }
    idleTimer.shutdownNow();
    if (display != null) display.close();
    if (gpsd != null) gpsd.close();
    agent.close();
  }
}
