package jp.mynaterm.config;

/**
 * The broker the hub uses. Embedded (the default): it runs inside the hub, on {@code host:port}
 * (loopback unless told otherwise). External: {@code url} names Mosquitto, EMQX, HiveMQ, …
 */
public record BrokerSettings(Boolean embedded, String host, Integer port, String url, String username, String password) {
  public static final BrokerSettings DEFAULT = new BrokerSettings(null, null, null, null, null, null);

  public BrokerSettings {
    embedded = Check.orDefault(embedded, Boolean.TRUE);
    host = Check.orDefault(host, "127.0.0.1");
    port = Check.port("port", Check.orDefault(port, 1883));
    if (embedded) {
      if (url != null && !url.isBlank()) throw new InvalidValue("url", "is for an external broker; set embedded: false or remove url");
      url = "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    } else {
      Check.mqttUrl("url", url);
    }
  }

  @Override
  public String toString() {
    return "BrokerSettings[embedded=" + embedded + ", url=" + url + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
