package jp.mynaterm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The settings issue #4 added: reconnect backoff, batch size, broker bounds. */
class SyncSettingsTest {
  private static final String TAXI =
      """
      role: taxi
      municipality: "212075"
      terminal: {id: taxi-1}
      mqtt: {url: "tcp://127.0.0.1:1883"%s}
      """;

  @Test
  void defaultsKeepASessionAndBackOffWithACeiling() {
    MqttSettings m = new ConfigLoader(java.util.Map.of()).parse("taxi.yaml", TAXI.formatted(""), TaxiConfig.class).mqtt();
    assertTrue(m.sessionExpiry().compareTo(Duration.ZERO) > 0, "a session expiry of 0 would lose queued messages");
    assertEquals(Duration.ofSeconds(1), m.reconnectMin());
    assertEquals(Duration.ofMinutes(5), m.reconnectMax());
    assertEquals(500, m.maxBatch());
  }

  @Test
  void aCeilingBelowTheFirstWaitIsRefusedWithTheKeyNamed() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(java.util.Map.of()).parse("taxi.yaml", TAXI.formatted(", reconnectMin: 10s, reconnectMax: 2s"), TaxiConfig.class));
    assertTrue(e.getMessage().contains("reconnectMax"), e.getMessage());
  }

  @Test
  void theEmbeddedBrokerIsBoundedByDefaultAndRefusesAUrl() {
    BrokerSettings b = BrokerSettings.DEFAULT;
    assertEquals("ssl://127.0.0.1:8883", b.url(), "the embedded broker: TLS only");
    assertTrue(b.maxQueuedMessages() > 0 && b.receiveMaximum() > 0);
    assertThrows(InvalidValue.class, () -> new BrokerSettings(true, null, null, "tcp://elsewhere:1883", null, null, null, null));
  }
}
