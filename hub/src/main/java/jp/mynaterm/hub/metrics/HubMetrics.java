package jp.mynaterm.hub.metrics;

import com.codahale.metrics.MetricRegistry;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.mynaterm.hub.ingest.Ingest;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.CertificateVoided;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.EventRecord;

/**
 * The hub's {@code /metrics} in the Prometheus text format, for the operator's monitoring. Only counts
 * and durations: no CardId, no event content, no terminal ids (terminals are counted by role).
 *
 * <p>Ingest is not slowed for it: what happens per event is counted from the batch of new events
 * the ingest thread already hands the hub after each commit; rejects, repeats and commit retries are
 * read from {@link Ingest}'s own counters, and terminals and the broker only when scraped.
 */
public final class HubMetrics {
  /** Online and offline as the console's fleet view says ({@link TerminalRepository.Seen#online}). */
  private static final Duration ONLINE_WINDOW = TerminalRepository.ONLINE_WINDOW;
  /** Prometheus text exposition format 0.0.4, what every Prometheus scrapes. */
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TerminalRepository terminals;
  private final Clock clock;
  private final Map<String, Counter> storedByType;
  private final Map<String, Counter> issuedByType = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Counter> voidedByType = new java.util.concurrent.ConcurrentHashMap<>();
  private final Timer lag;
  private final MultiGauge terminalsByState;
  private Ingest ingest;
  private MetricRegistry broker;

  public HubMetrics(TerminalRepository terminals, Clock clock) {
    this.terminals = terminals;
    this.clock = clock;
    // Every type from the start, so a rate over a type never begins with a missing series.
    this.storedByType = EventTypes.all().stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
        type -> Counter.builder("mynaterm.ingest.events").description("Events stored (new, repeats left out), by event type").tag("type", type).register(registry)));
    // A few buckets, not a fine histogram: enough to alert on "events arrive more than N late"
    // (an offline terminal's outbox arrives hours late, by design).
    this.lag = Timer.builder("mynaterm.ingest.lag")
        .description("From an event's time on the terminal (synced clocks only) to its commit at the hub")
        .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofDays(1))
        .register(registry);
    this.terminalsByState = MultiGauge.builder("mynaterm.terminals").description("Terminals by role and state: online = a birth or heartbeat within the last " + ONLINE_WINDOW.toMinutes() + " min").register(registry);
  }

  /** The counts Ingest keeps itself: rejects by reason, repeats, commit retries. */
  public HubMetrics bind(Ingest ingest) {
    this.ingest = ingest;
    FunctionCounter.builder("mynaterm.ingest.repeats", ingest, Ingest::repeats).description("Events received again and ignored").register(registry);
    FunctionCounter.builder("mynaterm.ingest.commit.retries", ingest, Ingest::retries).description("Batch commits tried again (database unavailable)").register(registry);
    return this;
  }

  /** The embedded HiveMQ's own registry (Dropwizard), read at each scrape. */
  public HubMetrics bind(MetricRegistry broker) {
    this.broker = broker;
    return this;
  }

  /**
   * After each committed batch, on the ingest thread, with the events new in it: a counter add per
   * event and its lag, no allocation beyond the timer's and no query.
   */
  public void committed(List<EventRow> fresh) {
    Instant now = clock.instant();
    for (EventRow row : fresh) {
      EventRecord rec = row.record();
      UsageEvent event = rec.event();
      storedByType.get(EventTypes.of(event)).increment();
      // An unsynced wall clock (a Pi before NTP answers) says nothing about lag.
      if (rec.time().synced()) lag.record(Duration.between(rec.time().wall(), now));
      switch (event) {
        case CertificateIssued i -> certificates(issuedByType, "issued", i.certificateType()).increment();
        case CertificateVoided v -> certificates(voidedByType, "voided", v.certificateType()).increment();
        default -> {}
      }
    }
  }

  private Counter certificates(Map<String, Counter> byType, String outcome, String certificateType) {
    return byType.computeIfAbsent(certificateType, t -> Counter.builder("mynaterm.kiosk.certificates")
        .description("Kiosk certificates reported: issued (paid and printed) or voided (refunded or never paid), by certificate type")
        .tags("outcome", outcome, "certificate_type", t).register(registry));
  }

  /** The exposition text, with terminals, rejects and the broker read now. */
  public String scrape() throws SQLException {
    refreshTerminals();
    if (ingest != null) {
      // Reasons appear as they first happen; registering one again is a lookup.
      for (String reason : ingest.rejects().snapshot().keySet()) {
        FunctionCounter.builder("mynaterm.ingest.rejects", ingest, i -> i.rejects().snapshot().getOrDefault(reason, 0L))
            .description("Messages refused by ingest, by reason").tag("reason", reason).register(registry);
      }
    }
    if (broker != null) BrokerMeters.bind(broker, registry);
    return registry.scrape();
  }

  private void refreshTerminals() throws SQLException {
    Instant now = clock.instant();
    Map<List<String>, Long> counts = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    for (TerminalRepository.Seen s : terminals.seen()) {
      boolean online = s.online(now);
      counts.merge(List.of(s.role() == null ? "unknown" : s.role(), online ? "online" : "offline"), 1L, Long::sum);
    }
    terminalsByState.register(
        counts.entrySet().stream().map(e -> MultiGauge.Row.of(Tags.of("role", e.getKey().get(0), "state", e.getKey().get(1)), e.getValue())).toList(),
        true);
  }

  /**
   * {@code GET /metrics} on the hub's HTTP server, answered to clients on this machine only: the
   * server also carries the public /verify page, which operators open to receiving offices.
   */
  public void serve(Context ctx) throws SQLException, java.io.IOException {
    if (!InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress()) {
      ctx.status(HttpStatus.NOT_FOUND);
      return;
    }
    ctx.contentType(CONTENT_TYPE).header("Cache-Control", "no-store").result(scrape());
  }

  /** HiveMQ's Dropwizard meters under Micrometer names ({@code com.hivemq.x.y} → {@code hivemq_x_y}). */
  private static final class BrokerMeters {
    static void bind(MetricRegistry broker, PrometheusMeterRegistry registry) {
      // Dropwizard counters go up and down in HiveMQ (current connections, subscriptions): gauges.
      broker.getCounters().forEach((name, c) -> Gauge.builder(name(name), c, com.codahale.metrics.Counter::getCount).register(registry));
      broker.getMeters().forEach((name, m) -> FunctionCounter.builder(name(name), m, com.codahale.metrics.Meter::getCount).register(registry));
      broker.getGauges().forEach((name, g) -> {
        if (g.getValue() instanceof Number) Gauge.builder(name(name), g, x -> ((Number) x.getValue()).doubleValue()).register(registry);
      });
    }

    private static String name(String dropwizard) {
      return dropwizard.startsWith("com.") ? dropwizard.substring("com.".length()) : dropwizard;
    }
  }
}
