package jp.mynaterm.config;

/**
 * The broker the hub uses. Embedded (the default): it runs inside the hub, on {@code host:port}
 * (loopback unless told otherwise). External: {@code url} names Mosquitto, EMQX, HiveMQ, …
 */
public record BrokerSettings(
    Boolean embedded,
    String host,
    Integer port,
    String url,
    String username,
    String password,
    Integer maxQueuedMessages,
    Integer receiveMaximum) {
  public static final BrokerSettings DEFAULT = new BrokerSettings(null, null, null, null, null, null, null, null);

  /**
   * @param maxQueuedMessages (embedded) the most QoS 1 messages queued per client: bounds the broker's
   *     memory; what it refuses beyond is sent again by terminals, whose outbox keeps it until acked
   * @param receiveMaximum (embedded) the in-flight QoS 1 publishes each client may have; clients learn
   *     it from CONNACK
   */
  public BrokerSettings {
    embedded = Check.orDefault(embedded, Boolean.TRUE);
    host = Check.orDefault(host, "127.0.0.1");
    port = Check.port("port", Check.orDefault(port, 8883));
    maxQueuedMessages = Check.range("maxQueuedMessages", Check.orDefault(maxQueuedMessages, 20_000), 100, 10_000_000);
    receiveMaximum = Check.range("receiveMaximum", Check.orDefault(receiveMaximum, 64), 1, 65535);
    if (embedded) {
      if (url != null && !url.isBlank()) throw new InvalidValue("url", "is for an external broker; set embedded: false or remove url");
      url = "ssl://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port; // TLS only (hub.broker.trust)
    } else {
      Check.mqttUrl("url", url);
    }
  }

  /** An embedded broker on loopback at {@code port}, otherwise as this one; for tests and benchmarks. */
  public BrokerSettings withPort(int newPort) {
    return new BrokerSettings(embedded, host, newPort, embedded ? null : url, username, password, maxQueuedMessages, receiveMaximum);
  }

  @Override
  public String toString() {
    return "BrokerSettings[embedded=" + embedded + ", url=" + url + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
