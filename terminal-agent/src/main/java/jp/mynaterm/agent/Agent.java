package jp.mynaterm.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import jp.mynaterm.agent.downlink.Applied;
import jp.mynaterm.agent.downlink.DownlinkStore;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.agent.outbox.Outbox;
import jp.mynaterm.agent.status.StatusSource;
import jp.mynaterm.agent.sync.Delivery;
import jp.mynaterm.agent.sync.SyncStats;
import jp.mynaterm.config.MqttSettings;
import jp.mynaterm.config.TerminalConfig;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.DecodeResult;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.Ack;
import jp.mynaterm.protocol.message.Alert;
import jp.mynaterm.protocol.message.Body;
import jp.mynaterm.protocol.message.Envelope;
import jp.mynaterm.protocol.message.LastWill;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.Request;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.Response;
import jp.mynaterm.protocol.mqtt.MqttSession;
import jp.mynaterm.protocol.mqtt.MqttTls;
import jp.mynaterm.protocol.time.TerminalClock;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime every terminal runs: events go into the SQLite outbox and on to the hub; what the hub
 * sends down (acks, lists, config, alerts) is applied and kept. Works offline: {@link #record}
 * commits locally and returns, whether or not the hub is reachable.
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  private static final Duration LIST_SYNC_MIN_GAP = Duration.ofSeconds(5);

  private final TerminalConfig config;
  private final String terminal;
  private final Topics topics;
  private final MessageFactory messages;
  private final MessageCodec codec = new MessageCodec();
  private final Outbox outbox;
  private final DownlinkStore downlink;
  private final StatusSource status;
  private final MqttSession session;
  private final Delivery delivery;
  private final ScheduledExecutorService heartbeats;
  private volatile Instant lastListSync = Instant.EPOCH;
  private java.util.concurrent.ScheduledFuture<?> heartbeatTask;
  private Duration heartbeatEvery;

  private Agent(TerminalConfig config, String version, TerminalClock clock, Outbox outbox) throws IOException {
    this.config = config;
    this.terminal = config.terminal().id();
    this.topics = new Topics(config.municipality());
    this.messages = new MessageFactory(config.municipality(), terminal, clock);
    Path dir = config.terminal().dataPath();
    this.outbox = outbox;
    try {
      this.downlink = DownlinkStore.open(dir.resolve("downlink.db"));
    } catch (IOException e) {
      outbox.close();
      throw e;
    }
    this.status = new StatusSource(version, config.role().key(), outbox, downlink, clock, dir, config.terminal().maxListAge());
    MqttSettings mqtt = config.mqtt();
    String statusTopic = topics.up(terminal, Topics.Up.STATUS);
    MqttSession.Options options =
        MqttSession.Options.builder(mqtt.url(), terminal)
            .tls(tls(mqtt, dir))
            .credentials(mqtt.username(), mqtt.password())
            .sessionExpiry(mqtt.sessionExpiry())
            .keepAlive(mqtt.keepAlive())
            .reconnect(mqtt.reconnectMin(), mqtt.reconnectMax())
            .will(new MqttSession.Will(statusTopic, codec.encode(messages.envelope(new LastWill("connection-lost"))), true))
            // only what the broker grants this role: never broadcast/#
            .subscribe(topics.terminalReads(terminal, ListName.heldBy(config.role().allowListService(), config.role().staffRole())))
            .build();
    this.session = new MqttSession(options, new Handler());
    this.delivery = new Delivery(outbox, session, messages, topics, terminal, mqtt.maxBatch(), mqtt.ackTimeout());
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("heartbeat").factory());
  }

  /**
   * The terminal's TLS identity for an ssl:// broker: the files must be there (a terminal not enrolled
   * yet is told which key names the missing file: exit 2). Only ChaCha20-Poly1305 is offered: a
   * terminal has no fast AES ({@link MqttTls#chaCha20}).
   */
  private static MqttTls tls(MqttSettings mqtt, Path dataDir) {
    if (!mqtt.secure()) return null;
    MqttTls tls = new MqttTls(mqtt.tls().keyIn(dataDir), mqtt.tls().certificateIn(dataDir), mqtt.tls().caIn(dataDir));
    requireFile("mqtt.tls.key", tls.key());
    requireFile("mqtt.tls.certificate", tls.certificate());
    requireFile("mqtt.tls.ca", tls.ca());
    return tls.chaCha20();
  }

  private static void requireFile(String key, Path file) {
    if (!java.nio.file.Files.isReadable(file)) {
      throw new jp.mynaterm.config.ConfigException(
          "terminal configuration", key, file + " is missing or unreadable (enroll the terminal: ./mynaterm pki request, then pki issue at the hub)");
    }
  }

  /**
   * Outside development mode nothing falls open: card trust anchors, the CardId key and TLS to the
   * broker must be configured (never the virtual cards' test CA, the published key, or plaintext).
   * Roles call it before they load card trust; {@link #start} calls it again.
   */
  public static void refuseToFallOpen(TerminalConfig config) {
    config.requireOutsideDevelopment("card.trustAnchors", !config.card().trustAnchors().isEmpty(), "the card CA file");
    config.requireOutsideDevelopment("card.cardIdKey", !config.card().cardIdKey().isEmpty(), "the municipality's CardId key");
    config.requireOutsideDevelopment("mqtt.url", config.mqtt().secure(), "an ssl:// broker (TLS with the terminal's certificate)");
    tls(config.mqtt(), config.terminal().dataPath()); // an ssl:// broker needs the enrolled key and certificate, in any mode
  }

  /** Opens the stores and starts syncing in the background; the hub need not be reachable. */
  public static Agent start(TerminalConfig config, String version) throws IOException {
    return start(config, version, TerminalClock.system());
  }

  /**
   * @throws jp.mynaterm.agent.store.SqliteFile.Unavailable when the outbox or downlink file cannot be
   *     opened for a reason other than damage (busy, I/O error, disk full, read-only): one line
   */
  public static Agent start(TerminalConfig config, String version, TerminalClock clock) throws IOException {
    refuseToFallOpen(config); // before the outbox's file is made
    return launch(config, version, clock, Outbox.open(config.terminal().dataPath().resolve("outbox.db"), config.outbox()));
  }

  /** Runs with the given outbox (a recovered one, see {@link Recovery}); closing the agent closes it. */
  static Agent start(TerminalConfig config, String version, TerminalClock clock, Outbox outbox) throws IOException {
    refuseToFallOpen(config);
    return launch(config, version, clock, outbox);
  }

  /** Starts an agent whose configuration was checked ({@link #refuseToFallOpen}). */
  private static Agent launch(TerminalConfig config, String version, TerminalClock clock, Outbox outbox) throws IOException {
    if (config.development()) log.warn(jp.mynaterm.config.RoleConfig.DEVELOPMENT_BANNER);
    Agent agent;
    try {
      agent = new Agent(config, version, clock, outbox);
    } catch (IOException | RuntimeException e) {
      outbox.close();
      throw e;
    }
    agent.delivery.start();
    agent.scheduleHeartbeats(config.terminal().heartbeat());
    // Settings the hub pushed apply now (also after a reboot offline: they are kept) and on each push.
    agent.applyPushedConfig();
    agent.downlink.onChange(list -> {
      if (list.equals(ListName.CONFIG_VERSION)) agent.applyPushedConfig();
      if (list.equals(DownlinkStore.ALERT)) {
        agent.acknowledgeAlerts();
        agent.alertListeners.forEach(Runnable::run);
      }
    });
    agent.acknowledgeAlerts(); // those a crash or a full outbox left unacknowledged
    agent.session.start();
    log.info("agent {} ({}) started: {} events waiting in the outbox", agent.terminal, config.role().key(), agent.outbox.depth());
    return agent;
  }

  /**
   * Commits a usage event to the outbox with the next sequence; on {@link Appended.Committed} it is
   * on disk and will reach the hub. On {@link Appended.Refused} nothing was stored: show a fault.
   */
  public Appended record(UsageEvent event) {
    return record(event, Outbox.AlongWith.NOTHING);
  }

  /** The same, with what {@code with} writes committed in the event's transaction (both or neither). */
  public Appended record(UsageEvent event, Outbox.AlongWith with) {
    Appended result = outbox.append(event, messages.clock().now(), with);
    if (result instanceof Appended.Committed) delivery.wake();
    return result;
  }

  private synchronized void scheduleHeartbeats(Duration every) {
    if (every.equals(heartbeatEvery)) return;
    if (heartbeatTask != null) heartbeatTask.cancel(false);
    heartbeatEvery = every;
    heartbeatTask = heartbeats.scheduleAtFixedRate(this::sendHeartbeat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Applies what the hub pushed that a running agent can change: {@code terminal.heartbeat} today.
   * The whole pushed document stays available through {@code downlink().config()} for the roles.
   */
  private void applyPushedConfig() {
    downlink.config().ifPresent(push -> {
      var heartbeat = push.settings().path("terminal").path("heartbeat");
      if (!heartbeat.isTextual()) return;
      try {
        Duration every = jp.mynaterm.config.DurationText.parse(heartbeat.asText());
        if (every.isNegative() || every.isZero()) throw new IllegalArgumentException("must be longer than zero");
        scheduleHeartbeats(every);
        log.info("pushed config {}: heartbeat every {}", push.version(), heartbeat.asText());
      } catch (RuntimeException e) {
        log.warn("pushed config {}: terminal.heartbeat '{}' ignored ({})", push.version(), heartbeat.asText(), e.getMessage());
      }
    });
  }

  /** The heartbeat interval in force (from configuration, or as the hub last pushed it). */
  public synchronized Duration heartbeatInterval() {
    return heartbeatEvery;
  }

  /** Where the heartbeat gets device states from. */
  public void peripherals(Supplier<Map<String, String>> supplier) {
    status.peripherals(supplier);
  }

  /** Sends a heartbeat now (also sent every {@code terminal.heartbeat}). */
  public void sendHeartbeat() {
    try {
      // A connected terminal whose lists nobody changed still has them confirmed well before they count as old.
      if (session.connected() && listAges().ages().values().stream().anyMatch(a -> a.compareTo(config.terminal().maxListAge().dividedBy(4)) > 0)) requestListSync();
      publishStatus(status.heartbeat());
    } catch (RuntimeException e) {
      log.warn("heartbeat not sent: {}", e.toString());
    }
  }

  public Outbox outbox() {
    return outbox;
  }

  /** What the driver or staff should be told about the lists, empty while they are fine. */
  public java.util.Optional<String> listWarning() {
    var ages = listAges();
    return ages.warn() ? java.util.Optional.of(ages.state()) : java.util.Optional.empty();
  }

  /** How old the lists are and whether one is unreadable, against {@code terminal.maxListAge}. */
  public jp.mynaterm.agent.downlink.ListAges listAges() {
    return jp.mynaterm.agent.downlink.ListAges.of(downlink, config.terminal().maxListAge(), messages.clock().now().wall());
  }

  public DownlinkStore downlink() {
    return downlink;
  }

  /**
   * The alerts to show now, most urgent first: not expired, not withdrawn, and meant for this terminal
   * (the hub sends only those; a broker without trust might pass on others).
   */
  public List<Alert> activeAlerts() {
    return downlink.activeAlerts(Instant.now()).stream().filter(this::forMe).sorted(MOST_URGENT_FIRST).toList();
  }

  /** High priority first, then emergencies before warnings before notices, then the one that lasts least. */
  static final java.util.Comparator<Alert> MOST_URGENT_FIRST =
      java.util.Comparator.comparing(Alert::priority).thenComparing(Alert::severity, java.util.Comparator.reverseOrder()).thenComparing(Alert::expires);

  private boolean forMe(Alert a) {
    return a.targets().includes(terminal, java.util.Optional.of(config.role().key()));
  }

  /** Who is told when the alerts to show change (one came, was withdrawn); they read {@link #activeAlerts}. */
  public void onAlerts(Runnable listener) {
    alertListeners.add(listener);
  }

  private final List<Runnable> alertListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * The terminal put an alert on its screen: the hub hears it ({@code AlertAcknowledged shown}) once,
   * through the outbox, also if the terminal is offline now.
   */
  public void alertShown(String alertId) {
    downlink.shown(alertId, Instant.now());
    acknowledgeAlerts();
  }

  /**
   * Records in the outbox each acknowledgement not recorded yet: received for every alert held,
   * shown for those shown. The outbox and the downlink store are two files: an acknowledgement is
   * marked done after its event is committed, so a crash in between sends one twice at worst, never none.
   */
  private synchronized void acknowledgeAlerts() {
    for (var stage : jp.mynaterm.protocol.event.AlertAcknowledged.Stage.values()) {
      for (Alert a : downlink.unacknowledged(Instant.now(), stage)) {
        if (!forMe(a)) continue;
        if (record(new jp.mynaterm.protocol.event.AlertAcknowledged(a.alertId(), stage)) instanceof Appended.Committed) {
          downlink.acknowledged(a.alertId(), stage);
          log.info("alert {} {}", a.alertId(), stage.name().toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
  }

  public SyncStats stats() {
    return new SyncStats(
        session.connected(), session.receiveMaximum(), session.maxInFlightSeen(), session.connects(), delivery.resends(), session.publishFailures());
  }

  public String terminal() {
    return terminal;
  }

  /** The terminal's message factory, for a role's own requests to the hub (one sequence per terminal). */
  public MessageFactory messages() {
    return messages;
  }

  public TerminalConfig config() {
    return config;
  }

  private void publishStatus(Body body) {
    session.publish(topics.up(terminal, Topics.Up.STATUS), codec.encode(messages.envelope(body)), true);
  }

  private final java.util.List<java.util.function.Consumer<Response>> responses = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Who is told of the hub's responses (they arrive only on this terminal's own down topic). */
  public void onResponse(java.util.function.Consumer<Response> listener) {
    responses.add(listener);
  }

  /** Sends a role's request to the hub on this terminal's requests topic, over the agent's one connection. */
  public MqttSession.Sent request(Request request) {
    return session.publish(topics.up(terminal, Topics.Up.REQUESTS), codec.encode(messages.envelope(request)), false);
  }

  /** Connected to the broker now. */
  public boolean connected() {
    return session.connected();
  }

  private void requestListSync() {
    Instant now = Instant.now();
    if (now.isBefore(lastListSync.plus(LIST_SYNC_MIN_GAP))) return;
    lastListSync = now;
    Request request = new Request(MessageFactory.newId(), now.plusSeconds(60), new RequestBody.ListSync(downlink.versions()));
    session.publish(topics.up(terminal, Topics.Up.REQUESTS), codec.encode(messages.envelope(request)), false);
  }

  private final class Handler implements MqttSession.Handler {
    @Override
    public void connected(MqttSession s) {
      publishStatus(status.birth());
      lastListSync = Instant.EPOCH;
      requestListSync();
      delivery.resendAll();
    }

    @Override
    public void message(String topic, MqttMessage message, Runnable ack) {
      DecodeResult result = codec.decode(message.getPayload());
      if (!(result instanceof DecodeResult.Decoded(Envelope envelope))) {
        log.warn("ignored a message on {}: {}", topic, ((DecodeResult.Failed) result).error());
        return;
      }
      if (!envelope.header().municipality().equals(config.municipality())) {
        log.warn("ignored a message on {} for municipality {}", topic, envelope.header().municipality());
        return;
      }
      // The broker delivers only what this terminal subscribed to; a message on any other topic
      // (a broker without trust, a misrouted publish) is not the hub's word to this terminal.
      if (!topics.isFor(terminal, topic)) {
        log.warn("ignored a {} on {}: not this terminal's topic", envelope.body().getClass().getSimpleName(), topic);
        return;
      }
      boolean own = topics.isOwnDown(terminal, topic);
      switch (envelope.body()) {
        case Ack a when !own -> log.warn("ignored an ack on {}: acks come only on this terminal's own down topic", topic);
        case Ack a -> delivery.acknowledged(a);
        case Response r when !own -> log.warn("ignored a response on {}: not this terminal's own down topic", topic);
        case Response r -> {
          // its content may be personal data (a certificate document): passed on, never logged
          log.debug("response {}: {}", r.correlationId(), r.response().getClass().getSimpleName());
          // The hub's word that these versions are current: what the lists' age counts from.
          if (r.response() instanceof jp.mynaterm.protocol.message.ResponseBody.ListSyncStarted started) downlink.confirmed(started.current(), Instant.now());
          responses.forEach(listener -> listener.accept(r));
        }
        // A vehicle's manifest names its riders: taken only from its own down branch, never a broadcast.
        case jp.mynaterm.protocol.message.TaxiManifest m when !own -> log.warn("ignored a taxi manifest on {}: not this terminal's own down topic", topic);
        case Body b -> {
          Applied applied = downlink.apply(b);
          switch (applied) {
            case Applied.Gap g -> {
              log.info("list {} is at {}, hub sent a delta from {}: asking for what is missing", g.list(), g.have(), g.deltaFrom());
              requestListSync();
            }
            case Applied.Changed c -> log.info("applied {} version {}", c.list(), c.version());
            case Applied.NotApplied n -> log.debug("not applied: {}", n.reason());
            default -> {}
          }
        }
      }
    }
  }

  /** Stops cleanly: a retained "stopped" status replaces the last will; the outbox keeps what is unsent. */
  @Override
  public void close() {
    heartbeats.shutdownNow();
    delivery.close();
    session.close(
        new MqttSession.Will(topics.up(terminal, Topics.Up.STATUS), codec.encode(messages.envelope(new LastWill("stopped"))), true));
    downlink.close();
    outbox.close();
    log.info("agent {} stopped", terminal);
  }
}
