package jp.mynaterm.config;

/** A local web server (hub pages, the kiosk UI, the library staff page). Loopback by default. */
public record HttpSettings(String host, Integer port) {
  public static final HttpSettings DEFAULT_HUB = new HttpSettings(null, 8080);

  public HttpSettings {
    host = Check.orDefault(host, "127.0.0.1");
    port = Check.range("port", Check.orDefault(port, 8080), 0, 65535);
  }
}
