package jp.mynaterm.config;

/**
 * @param staffUi the staff page's address (loopback by default)
 * @param sip2 the library system's SIP2 server
 */
public record LibrarySettings(HttpSettings staffUi, Sip2Settings sip2) {
  public static final LibrarySettings DEFAULT = new LibrarySettings(null, null);

  public LibrarySettings {
    staffUi = Check.orDefault(staffUi, new HttpSettings(null, 8081));
    sip2 = Check.orDefault(sip2, Sip2Settings.DEFAULT);
  }
}
