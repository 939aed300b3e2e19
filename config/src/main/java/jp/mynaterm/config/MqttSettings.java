package jp.mynaterm.config;

import java.time.Duration;

/**
 * How a terminal reaches the broker. {@code username} and {@code password} usually come from the
 * environment (MYNATERM_MQTT_USERNAME, MYNATERM_MQTT_PASSWORD), not the file.
 *
 * @param sessionExpiry how long the broker keeps the session while the terminal is away; Paho's
 *     default of 0 drops messages queued for it, so this is never 0
 * @param ackTimeout how long an event waits for the hub's ack before it is sent again
 */
public record MqttSettings(
    String url, String username, String password, Duration sessionExpiry, Duration keepAlive, Duration ackTimeout) {
  public MqttSettings {
    Check.mqttUrl("url", url);
    sessionExpiry = Check.positive("sessionExpiry", Check.orDefault(sessionExpiry, Duration.ofDays(7)));
    keepAlive = Check.positive("keepAlive", Check.orDefault(keepAlive, Duration.ofSeconds(30)));
    ackTimeout = Check.positive("ackTimeout", Check.orDefault(ackTimeout, Duration.ofSeconds(30)));
  }

  @Override
  public String toString() {
    return "MqttSettings[url=" + url + ", username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
