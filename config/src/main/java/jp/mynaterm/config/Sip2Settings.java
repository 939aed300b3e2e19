package jp.mynaterm.config;

import java.nio.charset.Charset;

/**
 * The library system's SIP2 server. Empty host: no library system (links only). The password
 * usually comes from MYNATERM_LIBRARY_SIP2_PASSWORD.
 *
 * @param patronPasswords whether the library gives its patrons their own library passwords: the
 *     patron then types it on the resident page at registration, before the card PIN, and the library
 *     system checks it (63's AD, answered in CQ). Off by default.
 */
public record Sip2Settings(
    String host, Integer port, String charset, Boolean tls, String user, String password, String institution, String location, Boolean patronPasswords) {
  public static final Sip2Settings DEFAULT = new Sip2Settings(null, null, null, null, null, null, null, null, null);

  public Sip2Settings {
    host = Check.orDefault(host, "");
    port = Check.port("port", Check.orDefault(port, 6001));
    charset = Check.orDefault(charset, "UTF-8");
    if (!Charset.isSupported(charset)) throw new InvalidValue("charset", "is not a charset this JVM knows (try UTF-8 or Shift_JIS)");
    tls = Check.orDefault(tls, Boolean.FALSE);
    user = Check.orDefault(user, "");
    institution = Check.orDefault(institution, "");
    location = Check.orDefault(location, "");
    patronPasswords = Check.orDefault(patronPasswords, Boolean.FALSE);
  }

  @Override
  public String toString() {
    return "Sip2Settings[host=" + host + ", port=" + port + ", charset=" + charset + ", tls=" + tls + ", password=" + (password == null ? "none" : "***") + ", patronPasswords=" + patronPasswords + "]";
  }
}
