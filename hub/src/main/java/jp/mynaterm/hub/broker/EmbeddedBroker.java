package jp.mynaterm.hub.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.mynaterm.config.BrokerSettings;
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
  private final BrokerSettings settings;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, BrokerSettings settings) {
    this.hivemq = hivemq;
    this.settings = settings;
  }

  /** Starts the broker with its files under {@code dir} (config, data, extensions). */
  public static EmbeddedBroker start(BrokerSettings settings, Path dir) throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path data = Files.createDirectories(dir.resolve("data"));
    Path extensions = Files.createDirectories(dir.resolve("extensions"));
    Files.writeString(conf.resolve("config.xml"), configXml(settings));
    EmbeddedHiveMQ hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(data)
            .withExtensionsFolder(extensions)
            .withoutLoggingBootstrap()
            .build();
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
    log.info("embedded MQTT broker listening on {}:{}", settings.host(), settings.port());
    return new EmbeddedBroker(hivemq, settings);
  }

  static String configXml(BrokerSettings s) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
          </listeners>
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
        .formatted(s.port(), escape(s.host()), s.maxQueuedMessages(), s.receiveMaximum());
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  public String url() {
    return settings.url();
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.close();
    } catch (ExecutionException | InterruptedException | RuntimeException e) {
      log.debug("closing the embedded broker: {}", e.toString());
    }
  }

  @Override
  public void close() {
    closeQuietly(hivemq);
    log.info("embedded MQTT broker stopped");
  }
}
