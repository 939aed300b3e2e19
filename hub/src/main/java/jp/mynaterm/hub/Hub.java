package jp.mynaterm.hub;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import java.nio.file.Path;
import jp.mynaterm.hub.broker.EmbeddedBroker;
import jp.mynaterm.hub.broker.trust.BrokerTrust;
import jp.mynaterm.hub.pki.PkiRefused;
import jp.mynaterm.hub.pki.TerminalPki;
import jp.mynaterm.hub.pki.TerminalRecord;
import jp.mynaterm.protocol.mqtt.MqttTls;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.downlink.StaffListFeed;
import jp.mynaterm.hub.ingest.Ingest;
import jp.mynaterm.hub.audit.AuditCheckpoints;
import jp.mynaterm.hub.issuance.IssuingKey;
import jp.mynaterm.hub.registry.Registry;
import jp.mynaterm.hub.retention.Retention;
import jp.mynaterm.hub.requests.TerminalRequests;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;
import jp.mynaterm.hub.web.HubWeb;
import jp.mynaterm.hub.web.VerifyPage;
import jp.mynaterm.hub.console.Console;
import jp.mynaterm.hub.console.ConsoleSection;
import jp.mynaterm.hub.web.TaxiPages;
import jp.mynaterm.hub.issuance.IssuanceService;
import jp.mynaterm.hub.issuance.QueuedRequests;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.mqtt.MqttSession;
import jp.mynaterm.protocol.time.TerminalClock;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub process: the embedded broker (by default), ingest of terminal events into storage, and the
 * downlink of configuration, lists and alerts. Started and stopped as one unit. The hub is an MQTT
 * client of its broker like any other, so an external broker (Mosquitto, EMQX, HiveMQ) is a
 * configuration change, and several hubs can share one broker and one PostgreSQL database.
 */
public final class Hub implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Hub.class);

  private final HubConfig config;
  /** Null only for a plaintext external broker (see {@link #openPki}). */
  private final TerminalPki pki;
  private final EmbeddedBroker broker;
  private final Database db;
  private final EventRepository events;
  private final TerminalRepository terminals;
  private final ListRepository lists;
  private final Ingest ingest;
  private final Downlink downlink;
  private final Registry registry;
  private final QueuedRequests queuedRequests;
  private final jp.mynaterm.hub.metrics.HubMetrics metrics;
  private final jp.mynaterm.hub.taxi.TaxiBookings taxiBookings;
  private final jp.mynaterm.hub.taxi.TaxiFares taxiFares;
  private final java.util.concurrent.ScheduledExecutorService taxiNoShows =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("taxi-no-shows").factory());
  private StaffListFeed staffLists;
  private jp.mynaterm.hub.downlink.AlertFeed alertFeed;
  private Retention retention;
  private AuditCheckpoints auditCheckpoints;
  private java.util.Optional<HubWeb> web = java.util.Optional.empty();
  private final MqttSession session;
  /** Open once the hub is subscribed: terminals' events published before that would find no one. */
  private final java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);
  private static final Duration READY_WAIT = Duration.ofSeconds(15);
  private boolean closed;

  private Hub(HubConfig config, EmbeddedBroker broker, Database db, java.time.Clock clock, TerminalPki pki) {
    this.config = config;
    this.pki = pki;
    this.broker = broker;
    this.db = db;
    this.events = new EventRepository(db);
    this.terminals = new TerminalRepository(db);
    this.lists = new ListRepository(db);
    Topics topics = new Topics(config.municipality());
    MessageCodec codec = new MessageCodec();
    MessageFactory messages = new MessageFactory(config.municipality(), config.hub().id(), TerminalClock.system());
    BrokerSettings b = config.broker();
    MqttSession.Options options =
        MqttSession.Options.builder(b.url(), "hub-" + config.hub().id())
            .tls(b.url().startsWith("ssl://") ? hubTls(pki) : null)
            .credentials(b.username(), b.password())
            // One of a group: the session ends with the connection, so the broker never parks the group's
            // messages with a dead hub; what was in flight to it the terminals send again (no ack came).
            .sessionExpiry(b.shared() ? Duration.ZERO : Duration.ofDays(1))
            .reconnect(Duration.ofMillis(200), Duration.ofSeconds(10))
            .subscribe(Ingest.subscriptions(topics, b.shareGroup()))
            .manualAcks(true)
            .receiveMaximum(Ingest.MAX_UNACKNOWLEDGED)
            .build();
    // Wired once, in order: the session first (it connects only at start()), then what publishes on it.
    this.session =
        new MqttSession(
            options,
            new MqttSession.Handler() {
              @Override
              public void connected(MqttSession s) {
                log.info("hub {} subscribed to terminal traffic on {}", config.hub().id(), b.url());
                subscribed.countDown();
              }

              @Override
              public void message(String topic, MqttMessage message, Runnable ack) {
                ingest.offer(topic, message, ack);
              }
            });
    this.downlink = new Downlink(db, topics, messages, codec, enrolledRoles(pki), session);
    this.registry = new Registry(db, downlink);
    // Demand-taxi bookings: each vehicle's manifest goes down its own branch, and a syncing vehicle gets the current one.
    this.taxiBookings = new jp.mynaterm.hub.taxi.TaxiBookings(db, config.taxi(), java.time.Clock.systemUTC());
    this.taxiFares = new jp.mynaterm.hub.taxi.TaxiFares(db, taxiBookings, java.time.Clock.systemUTC());
    taxiBookings.sendWith(downlink::sendManifest);
    downlink.manifests(taxiBookings::currentManifest);
    this.queuedRequests = QueuedRequests.from(config, db, clock);
    var requests = new TerminalRequests(downlink, IssuanceService.from(config, db, clock)::handle, topics, messages, codec, session);
    this.metrics = new jp.mynaterm.hub.metrics.HubMetrics(terminals, java.time.Clock.systemUTC());
    // Rides are charged in the transaction that stores them. Only batches with new link events touch
    // the registries: rides and loans stay off that path.
    this.ingest =
        new Ingest(config.municipality(), db, codec, messages, requests, (c, fresh) -> taxiFares.charge(c, fresh).sendManifests(), fresh -> {
          metrics.committed(fresh);
          if (fresh.stream().anyMatch(r -> r.record().event() instanceof CardLinked || r.record().event() instanceof CardUnlinked)) applyLinks();
          recordAlertAcks(fresh);
        });
    metrics.bind(ingest);
    if (broker != null) metrics.bind(broker.metrics());
    ingest.start(session);
  }

  /**
   * Starts the broker (if embedded), opens storage (migrating its schema), and starts ingest; the
   * MQTT connection is made in the background and kept up. Throws {@link IllegalStateException} with
   * the reason if the broker or storage cannot start, and {@link jp.mynaterm.config.ConfigException}
   * (exit code 2 in the launcher) if a file the settings name (resident register, tax records) is bad.
   */
  public static Hub start(HubConfig config) {
    return start(config, java.time.Clock.systemUTC());
  }

  /**
   * As {@link #start(HubConfig)}, with certificate issuance on {@code issuanceClock}: tests and
   * benchmarks give {@code OpenHoursClock.weekdayMorning(...)} so the city's opening hours hold.
   */
  public static Hub start(HubConfig config, java.time.Clock issuanceClock) {
    EmbeddedBroker broker = null;
    Database db = null;
    try {
      refuseToFallOpen(config);
      TerminalPki pki = openPki(config);
      // Before the database or the broker: a production hub never makes the key kiosks and paper trust.
      if (!config.development()) jp.mynaterm.hub.issuance.IssuingKey.load(config.hub().dataPath(), false);
      db = Database.open(config.storage(), config.hub().dataPath().resolve("backups"));
      if (config.broker().embedded()) {
        // The only listener is TLS with client certificates of the city's terminal CA: no plaintext, the demo included.
        broker = EmbeddedBroker.start(config.broker(), config.hub().dataPath().resolve("broker"), BrokerTrust.of(pki, new Topics(config.municipality())));
      }
      Hub hub = new Hub(config, broker, db, issuanceClock, pki);
      hub.applyLinks(); // link events committed before a crash or stop, not applied yet
      hub.session.start();
      hub.staffLists = StaffListFeed.start(hub.downlink);
      hub.alertFeed = jp.mynaterm.hub.downlink.AlertFeed.start(hub.downlink);
      hub.retention = Retention.start(db, config.retention());
      hub.auditCheckpoints = AuditCheckpoints.start(db, IssuingKey.loadOrCreate(config.hub().dataPath()));
      // "Started" means ready to take terminals' events; an unreachable external broker is retried.
      if (!hub.subscribed.await(READY_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        log.warn("hub {} is not connected to the broker at {} yet; it keeps trying", config.hub().id(), config.broker().url());
      }
      hub.taxiNoShows.scheduleWithFixedDelay(hub::recordNoShows, 1, 60, java.util.concurrent.TimeUnit.SECONDS);
      hub.web = hub.startWeb();
      log.info("hub {} for municipality {} started", config.hub().id(), config.municipality());
      return hub;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (broker != null) broker.close();
      if (db != null) db.close();
      throw new IllegalStateException("hub start interrupted", e);
    } catch (SQLException | IOException | RuntimeException e) {
      if (broker != null) broker.close();
      if (db != null) db.close();
      if (e instanceof jp.mynaterm.config.ConfigException bad) throw bad; // the operator's to fix: one line, exit 2
      throw new IllegalStateException("hub did not start: " + e.getMessage(), e);
    }
  }

  /** The one web server: /verify, /metrics and the console with its sections. */
  private java.util.Optional<HubWeb> startWeb() throws IOException {
    VerifyPage verify = new VerifyPage(db, config.issuance().cityName(), config.development(),
        IssuingKey.load(config.hub().dataPath(), config.development()).publicKey());
    java.time.Clock clock = java.time.Clock.systemUTC();
    var passkeys = new jp.mynaterm.hub.passkey.Passkeys(db, clock, jp.mynaterm.hub.passkey.Passkeys.Owners.STAFF, config.console().rpId(), config.console().originFor(config.http().port()));
    List<ConsoleSection> sections = new java.util.ArrayList<>(consoleSections(db, clock, passkeys, config));
    // Sections that need the running hub's parts (bookings, the downlink), after the shared ones.
    sections.add(new jp.mynaterm.hub.taxi.TaxiOperatorSection(taxiBookings, taxiFares, taxiRiders(), taxiCounts(), clock));
    sections.add(new jp.mynaterm.hub.downlink.AlertsSection(downlink, clock));
    sections.add(new jp.mynaterm.hub.fleet.FleetSection(new jp.mynaterm.hub.fleet.FleetPage(new jp.mynaterm.hub.fleet.FleetView(terminals, lists, config.fleet(), clock))));
    sections.add(new jp.mynaterm.hub.kpi.KpiSection(new jp.mynaterm.hub.kpi.KpiPage(db, clock)));
    if (pki != null) sections.add(new jp.mynaterm.hub.pki.EnrollmentSection(pki));
    Console console = new Console(db, clock, config.console(), passkeys, config.development(), config.issuance().cityName(), sections);
    var riderPasskeys = new jp.mynaterm.hub.passkey.Passkeys(db, clock, jp.mynaterm.hub.passkey.Passkeys.Owners.RIDERS, config.taxi().passkeyRpId(config.console()),
        config.taxi().passkeyOrigin(config.console(), config.http().port()));
    TaxiPages taxi = new TaxiPages(taxiBookings, taxiFares, taxiRiders(), riderPasskeys, clock, config.issuance().cityName(), config.development());
    List<java.util.function.Consumer<io.javalin.config.RoutesConfig>> parts =
        new java.util.ArrayList<>(List.of(verify::routes, r -> r.get("/metrics", metrics::serve), console::routes, taxi::routes));
    // Devices without a certificate ask here (not over MQTT, which needs one); staff approve in the console.
    if (pki != null) parts.add(new jp.mynaterm.hub.pki.EnrollmentDesk(pki, config.console().enrollmentWait())::routes);
    return HubWeb.start(config.http(), parts);
  }

  /**
   * The console's sections, in the navigation's order. A feature adds its page by adding its
   * {@link ConsoleSection} here (hub/README.md, "The console"). Public for the console's tests, which
   * mount the same sections on a database of their own.
   */
  public static List<ConsoleSection> consoleSections(Database db, java.time.Clock clock, jp.mynaterm.hub.passkey.Passkeys passkeys, HubConfig config) {
    var city = new jp.mynaterm.hub.opendata.MonthlyOpenData.City(config.municipality(),
        jp.mynaterm.hub.opendata.Prefectures.of(config.municipality()) + config.issuance().cityName());
    return List.of(
        new jp.mynaterm.hub.workqueue.WorkQueueSection(new jp.mynaterm.hub.workqueue.WorkQueues(db, clock, QueuedRequests.from(config, db, clock))),
        new jp.mynaterm.hub.staff.console.AccountsSection(db, clock),
        new jp.mynaterm.hub.opendata.OpenDataSection(new EventRepository(db), new jp.mynaterm.hub.storage.MonthlyCounts(db), city, clock),
        new jp.mynaterm.hub.staff.console.OwnAccountSection(db, clock, passkeys));
  }

  /**
   * The hub's terminal PKI (DATA/pki): the embedded broker's trust, the hub's own TLS identity and the
   * registry naming each terminal's role. Needed for an embedded or an ssl:// broker; null only for a
   * plaintext external broker (tests of an unprotected broker), where no terminal gets an allow-list.
   */
  private static TerminalPki openPki(HubConfig config) throws IOException {
    Path dir = TerminalPki.in(config.hub().dataPath());
    boolean needed = config.broker().embedded() || config.broker().url().startsWith("ssl://");
    if (!needed && !java.nio.file.Files.exists(dir)) return null;
    try {
      // Approvals in the console change the registry: Mosquitto's files are rewritten as pki commands do.
      return TerminalPki.open(dir, java.time.Clock.systemUTC(), jp.mynaterm.hub.broker.trust.MosquittoAcl.EXPORT);
    } catch (PkiRefused e) {
      throw new jp.mynaterm.config.ConfigException("hub configuration", "hub.dataDir", e.getMessage());
    }
  }

  /**
   * Outside development mode nothing falls open: the card CA is not the virtual cards' test CA, the
   * CardId key is the city's, the broker is reached over TLS, and residents' passkeys are bound to the
   * booking page's https origin (not a localhost default no resident's browser has).
   */
  private static void refuseToFallOpen(HubConfig config) {
    config.requireOutsideDevelopment("hub.cardIdKey", !config.hub().cardIdKey().isEmpty(), "the municipality's CardId key");
    config.requireOutsideDevelopment(
        "issuance.trustAnchors", !config.issuance().trustAnchors().equals(jp.mynaterm.config.IssuanceSettings.VIRTUAL_CARD_ANCHORS), "the card CA file (not the virtual cards' test CA)");
    config.requireOutsideDevelopment("broker.url", config.broker().url().startsWith("ssl://"), "an ssl:// broker");
    config.requireOutsideDevelopment("taxi.origin", config.taxi().vehicles().isEmpty()
        || config.taxi().passkeyOrigin(config.console(), config.http().port()).startsWith("https://"), "an https:// origin for the resident booking page (residents' passkeys; console.origin when unset)");
    if (config.development()) log.warn(jp.mynaterm.config.RoleConfig.DEVELOPMENT_BANNER);
  }

  private static MqttTls hubTls(TerminalPki pki) {
    return new MqttTls(pki.dir().resolve(TerminalPki.HUB_KEY), pki.dir().resolve(TerminalPki.HUB_CERT), pki.caFile());
  }

  private static Downlink.EnrolledRoles enrolledRoles(TerminalPki pki) {
    if (pki == null) return Downlink.EnrolledRoles.NONE;
    return terminal -> {
      try {
        return pki.terminal(terminal).filter(t -> !t.revoked()).map(TerminalRecord::role);
      } catch (IOException e) {
        log.warn("terminal registry unreadable: {}", e.getMessage());
        return java.util.Optional.empty();
      }
    };
  }

  public HubConfig config() {
    return config;
  }

  /** The events the hub stored (tests, benchmarks and the demo read them here). */
  public EventRepository events() {
    return events;
  }

  /** Each terminal's latest status and pushed config. */
  public TerminalRepository terminals() {
    return terminals;
  }

  /** The database's JDBC URL, any password masked. */
  public String storageUrl() {
    return db.url();
  }

  /** The lists terminals hold: revocations and the services' allow-lists. */
  public ListRepository lists() {
    return lists;
  }

  public Ingest ingest() {
    return ingest;
  }

  /** The port of the hub's web server (/verify, /console, /metrics), if it runs. */
  public java.util.OptionalInt httpPort() {
    return web.map(p -> java.util.OptionalInt.of(p.port())).orElse(java.util.OptionalInt.empty());
  }

  public Registry registry() {
    return registry;
  }

  /** The demand taxi's bookings (the resident and operator pages, tests and the benchmark book here). */
  public jp.mynaterm.hub.taxi.TaxiBookings taxiBookings() {
    return taxiBookings;
  }

  /** Rides charged, refunds, statements and the accounting export. */
  public jp.mynaterm.hub.taxi.TaxiFares taxiFares() {
    return taxiFares;
  }

  /** The residents' booking logins (a password set at the counter). */
  public jp.mynaterm.hub.taxi.TaxiRiders taxiRiders() {
    return new jp.mynaterm.hub.taxi.TaxiRiders(db, java.time.Clock.systemUTC());
  }

  /** The taxi's KPI counts by month (registrations, rides, no-shows, bookings by channel), for the console. */
  public jp.mynaterm.hub.taxi.TaxiCounts taxiCounts() {
    return new jp.mynaterm.hub.taxi.TaxiCounts(db, config.taxi().zoneId());
  }

  /**
   * Terminals' acknowledgements of alerts, for the console's who-has and who-has-not. The time is the
   * terminal's when its clock was synced, else the hub's (a Pi without NTP may think it is 1970).
   */
  private void recordAlertAcks(List<jp.mynaterm.hub.storage.EventRow> fresh) {
    for (var row : fresh) {
      if (!(row.record().event() instanceof jp.mynaterm.protocol.event.AlertAcknowledged ack)) continue;
      var time = row.record().time();
      try {
        downlink.alerts().acknowledge(ack.alertId(), row.terminal(), ack.stage(), time.synced() ? time.wall() : java.time.Instant.now());
      } catch (SQLException e) {
        log.warn("alert {}: the acknowledgement of {} not recorded: {}", ack.alertId(), row.terminal(), e.getMessage());
      }
    }
  }

  /** Link events change the registries and their allow-lists; a failure is retried after the next batch. */
  private void applyLinks() {
    try {
      int n = registry.applyPending();
      if (n > 0) log.info("registry: {} link events applied", n);
    } catch (java.sql.SQLException e) {
      log.warn("registry update failed, will retry: {}", e.getMessage());
    }
  }

  /** The certificate requests residents left at kiosks while the hub was unreachable. */
  public QueuedRequests queuedRequests() {
    return queuedRequests;
  }

  public Downlink downlink() {
    return downlink;
  }

  /** The counters' certificate counts, imported monthly (the plan's share issued at kiosks). */
  public jp.mynaterm.hub.kpi.CounterIssuance counterIssuance() {
    return new jp.mynaterm.hub.kpi.CounterIssuance(db, java.time.Clock.systemUTC());
  }

  /** The staff accounts; a change reaches the counters as their staff list ({@link StaffListFeed}). */
  public jp.mynaterm.hub.staff.StaffAccounts staff() {
    return new jp.mynaterm.hub.staff.StaffAccounts(db, java.time.Clock.systemUTC());
  }

  private void recordNoShows() {
    try {
      int n = taxiBookings.recordNoShows();
      if (n > 0) log.info("taxi: {} bookings became no-shows", n);
    } catch (SQLException | RuntimeException e) {
      log.warn("taxi no-shows not recorded now: {}", e.getMessage());
    }
  }

  /** Whether the hub's own MQTT client is connected to the broker. */
  public boolean connected() {
    return session.connected();
  }

  /** The broker terminals connect to. */
  public String brokerUrl() {
    return config.broker().url();
  }

  /** One line per part that runs, for the demo and the operator. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    if (config.development()) lines.add(jp.mynaterm.config.RoleConfig.DEVELOPMENT_BANNER);
    lines.add("hub " + config.hub().id() + ": municipality " + config.municipality());
    lines.add(
        (broker != null ? "broker: embedded HiveMQ CE on " : "broker: external, ") + config.broker().url()
            + (broker != null ? " (in-memory, bounded queues)" : ""));
    String count;
    try {
      count = events.count() + " events stored";
    } catch (SQLException e) {
      count = "unreadable: " + e.getMessage();
    }
    lines.add("storage: " + db.url() + " (" + count + ")");
    lines.add("ingest: " + String.join(", ", Ingest.subscriptions(new Topics(config.municipality()), config.broker().shareGroup())));
    lines.add(
        web
            .map(p -> "certificate check: http://" + config.http().host() + ":" + p.port() + "/verify/{code}")
            .orElse("certificate check: not started (" + config.http().host() + ":" + config.http().port() + " unavailable)"));
    web.ifPresent(p -> lines.add("taxi booking: http://" + config.http().host() + ":" + p.port() + "/taxi (residents); operators: /console/taxi"));
    web.ifPresent(p -> lines.add("console: http://" + config.http().host() + ":" + p.port() + "/console"));
    web.ifPresent(p -> lines.add("metrics: http://" + config.http().host() + ":" + p.port() + "/metrics (Prometheus; this machine only)"));
    return lines;
  }

  /** Stops the hub, the embedded broker included: waits until the broker has stopped (some seconds). */
  @Override
  public void close() {
    close(true);
  }

  /**
   * As {@link #close()}, for a process about to end (SIGTERM, Ctrl-C): everything received is committed
   * and storage closed, then the embedded broker is asked to stop without waiting for it (see
   * {@link EmbeddedBroker#stopBeforeExit}), so the process ends within issue #13's 2 s.
   */
  public void closeBeforeExit() {
    close(false);
  }

  private void close(boolean waitForBroker) {
    if (closed) return; // closeBeforeExit() and then close() at the end of a try-with-resources
    closed = true;
    web.ifPresent(HubWeb::close);
    if (staffLists != null) staffLists.close();
    taxiNoShows.shutdownNow();
    if (alertFeed != null) alertFeed.close();
    if (retention != null) retention.close();
    if (auditCheckpoints != null) auditCheckpoints.close();
    // No more messages reach ingest; it then commits every one it received (its acks may be lost: the
    // terminals resend, repeats are stored once). Storage closes before the broker, which holds nothing
    // durable (in-memory), so the last thing the hub does before a process ends is commit.
    session.close();
    ingest.close();
    db.close();
    if (broker != null) {
      if (waitForBroker) broker.close();
      else broker.stopBeforeExit();
    }
    log.info("hub {} stopped", config.hub().id());
  }
}
