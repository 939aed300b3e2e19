package jp.mynaterm.config;

import java.nio.charset.Charset;

/**
 * The library system's SIP2 server. Empty host: no library system (links only). The password
 * usually comes from MYNATERM_LIBRARY_SIP2_PASSWORD.
 */
public record Sip2Settings(
    String host, Integer port, String charset, Boolean tls, String user, String password, String institution, String location) {
  public static final Sip2Settings DEFAULT = new Sip2Settings(null, null, null, null, null, null, null, null);

  public Sip2Settings {
    host = Check.orDefault(host, "");
    port = Check.port("port", Check.orDefault(port, 6001));
    charset = Check.orDefault(charset, "UTF-8");
    if (!Charset.isSupported(charset)) throw new InvalidValue("charset", "is not a charset this JVM knows (try UTF-8 or Shift_JIS)");
    tls = Check.orDefault(tls, Boolean.FALSE);
    user = Check.orDefault(user, "");
    institution = Check.orDefault(institution, "");
    location = Check.orDefault(location, "");
  }

  @Override
  public String toString() {
    return "Sip2Settings[host=" + host + ", port=" + port + ", charset=" + charset + ", tls=" + tls + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
