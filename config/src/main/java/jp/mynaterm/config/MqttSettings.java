package jp.mynaterm.config;

import java.time.Duration;

/**
 * How a terminal reaches the broker. {@code username} and {@code password} usually come from the
 * environment (MYNATERM_MQTT_USERNAME, MYNATERM_MQTT_PASSWORD), not the file.
 *
 * @param sessionExpiry how long the broker keeps the session while the terminal is away; Paho's
 *     default of 0 drops messages queued for it, so this is never 0
 * @param ackTimeout how long an event waits for the hub's ack before it is sent again
 * @param reconnectMin the first reconnect waits up to this long (full jitter: a random part of it)
 * @param reconnectMax waits between reconnects grow exponentially up to this ceiling
 * @param maxBatch the most events in one message when a backlog drains
 * @param tls the terminal's key, certificate and the terminal CA, for {@code ssl://}
 */
public record MqttSettings(
    String url,
    String username,
    String password,
    Duration sessionExpiry,
    Duration keepAlive,
    Duration ackTimeout,
    Duration reconnectMin,
    Duration reconnectMax,
    Integer maxBatch,
    TlsSettings tls) {
  public MqttSettings {
    Check.mqttUrl("url", url);
    sessionExpiry = Check.positive("sessionExpiry", Check.orDefault(sessionExpiry, Duration.ofDays(7)));
    keepAlive = Check.positive("keepAlive", Check.orDefault(keepAlive, Duration.ofSeconds(30)));
    ackTimeout = Check.positive("ackTimeout", Check.orDefault(ackTimeout, Duration.ofSeconds(30)));
    reconnectMin = Check.positive("reconnectMin", Check.orDefault(reconnectMin, Duration.ofSeconds(1)));
    reconnectMax = Check.positive("reconnectMax", Check.orDefault(reconnectMax, Duration.ofMinutes(5)));
    if (reconnectMax.compareTo(reconnectMin) < 0) throw new InvalidValue("reconnectMax", "must not be shorter than reconnectMin");
    maxBatch = Check.range("maxBatch", Check.orDefault(maxBatch, 500), 1, 5000);
    tls = Check.orDefault(tls, TlsSettings.DEFAULT);
  }

  /** With the given broker address, e.g. for the demo and tests. */
  public MqttSettings withUrl(String newUrl) {
    return new MqttSettings(newUrl, username, password, sessionExpiry, keepAlive, ackTimeout, reconnectMin, reconnectMax, maxBatch, tls);
  }

  /** Over TLS (the only way a city runs): {@code ssl://}. */
  public boolean secure() {
    return url.startsWith("ssl://");
  }

  @Override
  public String toString() {
    return "MqttSettings[url=" + url + ", username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
