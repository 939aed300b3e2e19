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
    Integer receiveMaximum,
    String shareGroup) {
  public static final BrokerSettings DEFAULT = new BrokerSettings(null, null, null, null, null, null, null, null);
  private static final java.util.regex.Pattern GROUP = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** A single hub: plain subscriptions (no {@code shareGroup}). */
  public BrokerSettings(Boolean embedded, String host, Integer port, String url, String username, String password, Integer maxQueuedMessages, Integer receiveMaximum) {
    this(embedded, host, port, url, username, password, maxQueuedMessages, receiveMaximum, null);
  }

  /**
   * @param maxQueuedMessages (embedded) the most QoS 1 messages queued per client: bounds the broker's
   *     memory; what it refuses beyond is sent again by terminals, whose outbox keeps it until acked
   * @param receiveMaximum (embedded) the in-flight QoS 1 publishes each client may have; clients learn
   *     it from CONNACK
   * @param shareGroup set on every hub of a group that shares one broker and one PostgreSQL (the same
   *     name on each): they subscribe to the up branch as {@code $share/GROUP/...}, so the broker gives
   *     each terminal message to one of them. Absent (a single hub): plain subscriptions.
   */
  public BrokerSettings {
    embedded = Check.orDefault(embedded, Boolean.TRUE);
    host = Check.orDefault(host, "127.0.0.1");
    port = Check.port("port", Check.orDefault(port, 8883));
    maxQueuedMessages = Check.range("maxQueuedMessages", Check.orDefault(maxQueuedMessages, 20_000), 100, 10_000_000);
    receiveMaximum = Check.range("receiveMaximum", Check.orDefault(receiveMaximum, 64), 1, 65535);
    if (shareGroup != null && !GROUP.matcher(shareGroup).matches()) throw new InvalidValue("shareGroup", "must be 1-64 letters, digits, '-' or '_'");
    if (shareGroup != null && embedded) throw new InvalidValue("shareGroup", "is for hubs sharing an external broker; set embedded: false and url");
    if (embedded) {
      if (url != null && !url.isBlank()) throw new InvalidValue("url", "is for an external broker; set embedded: false or remove url");
      url = "ssl://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port; // TLS only (hub.broker.trust)
    } else {
      Check.mqttUrl("url", url);
    }
  }

  /** An embedded broker on loopback at {@code port}, otherwise as this one; for tests and benchmarks. */
  public BrokerSettings withPort(int newPort) {
    return new BrokerSettings(embedded, host, newPort, embedded ? null : url, username, password, maxQueuedMessages, receiveMaximum, shareGroup);
  }

  /** As this one, one hub of the group {@code group} (see {@code shareGroup}). */
  public BrokerSettings withShareGroup(String group) {
    return new BrokerSettings(embedded, host, port, embedded ? null : url, username, password, maxQueuedMessages, receiveMaximum, group);
  }

  /** Several hubs share the broker's up-branch traffic. */
  public boolean shared() {
    return shareGroup != null;
  }

  @Override
  public String toString() {
    return "BrokerSettings[embedded=" + embedded + ", url=" + url + ", shareGroup=" + shareGroup + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
