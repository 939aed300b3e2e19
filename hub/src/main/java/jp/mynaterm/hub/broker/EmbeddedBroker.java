package jp.mynaterm.hub.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.hub.broker.trust.BrokerTrust;
import jp.mynaterm.hub.pki.Pem;
import jp.mynaterm.protocol.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ Community Edition, embedded in the hub process (see hub/README.md for why this broker).
 * Configured against its defaults, each measured on this project's machine:
 *
 * <ul>
 *   <li>listens only where configured (loopback by default), not on 0.0.0.0;
 *   <li>anonymous usage statistics off;
 *   <li>in-memory persistence: file mode created 520 MB at start and grew to 2–2.6 GB; the terminals'
 *       outboxes and the hub's database are the durable copies, so a broker restart loses nothing;
 *   <li>a bounded queue per client, so memory stays bounded; QoS 1 messages beyond it are discarded
 *       by the broker and sent again by the terminal, which keeps each event until the hub acks it.
 * </ul>
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final EmbeddedHiveMQ hivemq;
  private final String url;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, String url) {
    this.hivemq = hivemq;
    this.url = url;
  }

  /** Starts the broker with its files under {@code dir} (config, data, extensions). */
  public static EmbeddedBroker start(BrokerSettings settings, Path dir) throws IOException {
    return start(settings, dir, null);
  }

  /**
   * The same; with {@code trust} (may be null) the only listener is TLS with client certificates and
   * every client is authenticated and authorised by the terminal PKI (see {@code broker.trust}).
   */
  public static EmbeddedBroker start(BrokerSettings settings, Path dir, BrokerTrust trust) throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path data = Files.createDirectories(dir.resolve("data"));
    Path extensions = Files.createDirectories(dir.resolve("extensions"));
    if (trust == null) {
      Files.writeString(conf.resolve("config.xml"), configXml(settings, plainListener(settings)));
    } else {
      // the listener names the TLS stores' password: owner-only, like the stores
      String listener = trust.listenerXml(escape(settings.host()), settings.port(), conf);
      AtomicFiles.write(conf.resolve("config.xml"), configXml(settings, listener).getBytes(java.nio.charset.StandardCharsets.UTF_8), Pem.OWNER_ONLY);
    }
    var builder = EmbeddedHiveMQ.builder().withConfigurationFolder(conf).withDataFolder(data).withExtensionsFolder(extensions).withoutLoggingBootstrap();
    if (trust != null) builder.withEmbeddedExtension(trust.extension());
    EmbeddedHiveMQ hivemq = builder.build();
    if (trust != null) trust.beforeStart();
    try (var probe = new java.net.ServerSocket()) {
      // HiveMQ reports a taken port only in its log and a null message; say it in the error itself.
      probe.bind(new java.net.InetSocketAddress(settings.host(), settings.port()));
    } catch (IOException e) {
      closeQuietly(hivemq);
      throw new IOException(settings.host() + ":" + settings.port() + " is in use (another hub or MQTT broker running?): " + e.getMessage(), e);
    }
    try {
      hivemq.start().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting the embedded broker", e);
    } catch (ExecutionException | TimeoutException e) {
      closeQuietly(hivemq);
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("embedded broker did not start on " + settings.host() + ":" + settings.port() + ": " + cause.getMessage(), cause);
    }
    // Without trust the listener is plaintext (benchmarks' baselines, tests): say tcp://, not the ssl:// the settings name.
    String url = trust == null ? "tcp://" + BrokerTrust.url(settings.host(), settings.port()).substring("ssl://".length()) : BrokerTrust.url(settings.host(), settings.port());
    log.info("embedded MQTT broker listening on {}", url);
    return new EmbeddedBroker(hivemq, url);
  }

  private static String plainListener(BrokerSettings s) {
    return """
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
        """
        .formatted(s.port(), escape(s.host()));
  }

  static String configXml(BrokerSettings s, String listeners) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
        %s  </listeners>
          <mqtt>
            <queued-messages>
              <max-queue-size>%d</max-queue-size>
              <strategy>discard</strategy>
            </queued-messages>
            <receive-maximum>
              <server-receive-maximum>%d</server-receive-maximum>
            </receive-maximum>
          </mqtt>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
          <persistence>
            <mode>in-memory</mode>
          </persistence>
        </hivemq>
        """
        .formatted(listeners, s.maxQueuedMessages(), s.receiveMaximum());
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  public String url() {
    return url;
  }

  /** HiveMQ's own meters (connections, messages, queues), for the hub's /metrics. */
  public com.codahale.metrics.MetricRegistry metrics() {
    return hivemq.getMetricRegistry();
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.close();
    } catch (ExecutionException | InterruptedException | RuntimeException e) {
      log.debug("closing the embedded broker: {}", e.toString());
    }
  }

  /** Stops the broker and waits until it has (about 4 to 5 s here: see {@link #stopBeforeExit}). */
  @Override
  public void close() {
    closeQuietly(hivemq);
    log.info("embedded MQTT broker stopped");
  }

  /**
   * For a process about to end (SIGTERM, Ctrl-C): asks the broker to stop and returns without waiting,
   * so the hub keeps issue #13's 2 s. HiveMQ CE's own stop cannot: its Netty shutdown hook
   * (com.hivemq.bootstrap.NettyShutdownHook, 2025.5) first disconnects every client, then shuts its
   * event loop groups down with a quiet period of 2 s written into the code ({@code shutdownGracefully(2,
   * 60, SECONDS)}), then runs the persistence and extension hooks: 4.7 s in all here, with no setting to
   * shorten it. Nothing is lost by not waiting: persistence is in memory (see above), so the broker
   * holds no state of its own; what it still queues is in the terminals' outboxes (events not acked) or
   * harmless to lose (acks of committed events: the terminals resend, the hub stores repeats once). The
   * clients get the broker's DISCONNECT if the stop gets that far, else the end of the connection as the
   * process ends — either way they reconnect, as after any broker restart.
   */
  public void stopBeforeExit() {
    hivemq.stop();
    log.info("embedded MQTT broker stopping; the process ends without waiting for it");
  }
}
