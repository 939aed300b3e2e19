package jp.mynaterm.agent;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.HubSettings;
import jp.mynaterm.config.MqttSettings;
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.config.TerminalSettings;
import jp.mynaterm.hub.pki.PkiFixtures;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.event.UsageEvent;

/** What the agent's tests share: free ports, configurations, a ride event. */
public final class Rig {
  public static final String CITY = "212075";

  private Rig() {}

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public static HubConfig hubConfig(Path dir, int port) {
    return hubConfig(dir, BrokerSettings.DEFAULT.withPort(port), null);
  }

  /** A hub in {@code dir} with its terminal PKI made there (an embedded broker admits only enrolled terminals). */
  public static HubConfig hubConfig(Path dir, BrokerSettings broker, String jdbcUrl) {
    HubConfig config =
        new HubConfig(Role.HUB, CITY, new HubSettings("hub-1", dir.toString(), null), broker, new StorageSettings(jdbcUrl, null, null), null, null, null, true);
    PkiFixtures.hub(config);
    return config;
  }

  /**
   * Enrolls {@code id} as {@code role} with the hub's PKI into {@code root/id/tls} (the agent's data
   * directory in {@link #taxi}), and gives the hub's broker URL, TLS only.
   */
  public static String enroll(HubConfig hub, String id, Role role, Path root) {
    PkiFixtures.terminal(hub, id, role, root.resolve(id));
    return hub.broker().url();
  }

  /** A taxi {@code id} enrolled with {@code hub}'s PKI, connecting to its broker over TLS. */
  public static TaxiConfig taxi(Path dir, String id, HubConfig hub) {
    return taxi(dir, id, enroll(hub, id, Role.TAXI, dir));
  }

  public static TaxiConfig taxi(Path dir, String id, String url) {
    return taxi(dir, id, url, Duration.ofSeconds(5), null);
  }

  public static TaxiConfig taxi(Path dir, String id, String url, Duration ackTimeout, Long maxEvents) {
    return taxi(dir, id, url, ackTimeout, maxEvents, Duration.ofSeconds(10));
  }

  /** As {@link #taxi(Path, String, String, Duration, Long)}, with the MQTT keepalive that notices a silent connection. */
  public static TaxiConfig taxi(Path dir, String id, String url, Duration ackTimeout, Long maxEvents, Duration keepAlive) {
    MqttSettings mqtt =
        new MqttSettings(url, null, null, null, keepAlive, ackTimeout, Duration.ofMillis(100), Duration.ofSeconds(1), null, null);
    return new TaxiConfig(
        Role.TAXI, CITY, new TerminalSettings(id, dir.resolve(id).toString(), Duration.ofHours(1), null), mqtt, new OutboxSettings(maxEvents, null), null, null, null, true);
  }

  /** A library counter {@code id} enrolled with {@code hub}'s PKI, on its broker like {@link #taxi}. */
  public static jp.mynaterm.config.LibraryConfig library(Path dir, String id, HubConfig hub) {
    TaxiConfig like = taxi(dir, id, enroll(hub, id, Role.LIBRARY, dir));
    return new jp.mynaterm.config.LibraryConfig(Role.LIBRARY, CITY, like.terminal(), like.mqtt(), null, null, null, null, true);
  }

  public static UsageEvent ride(int n) {
    return new RideBoarded(new CardId("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "noriai-1", "shift-" + n, "adult", 300, null, false);
  }

  public static long count(jp.mynaterm.hub.Hub hub) {
    try {
      return hub.events().count();
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  public static java.util.List<Long> seqs(jp.mynaterm.hub.Hub hub, String terminal) {
    try {
      return hub.events().sequences(terminal);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

}
