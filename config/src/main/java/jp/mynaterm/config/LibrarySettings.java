package jp.mynaterm.config;

/**
 * @param staffUi the staff page's address (loopback by default)
 * @param sip2 the library system's SIP2 server
 * @param residentUi the resident-facing PIN page's address (a second display or keypad turned to the
 *     patron; loopback by default, port 8083): the PIN is never typed on the staff page
 */
public record LibrarySettings(HttpSettings staffUi, Sip2Settings sip2, HttpSettings residentUi) {
  public static final LibrarySettings DEFAULT = new LibrarySettings(null, null, null);

  public LibrarySettings {
    staffUi = Check.orDefault(staffUi, new HttpSettings(null, 8081));
    residentUi = Check.orDefault(residentUi, new HttpSettings(null, 8083));
    sip2 = Check.orDefault(sip2, Sip2Settings.DEFAULT);
  }
}
