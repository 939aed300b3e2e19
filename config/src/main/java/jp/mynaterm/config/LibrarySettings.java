package jp.mynaterm.config;

/**
 * @param staffUi the staff page's address (loopback by default)
 * @param sip2 the library system's SIP2 server
 * @param residentUi the resident-facing PIN page's address (a second display or keypad turned to the
 *     patron; loopback by default, port 8083): the PIN is never typed on the staff page
 * @param memberKey the file with the key that seals patron numbers on their way through the hub (64 hex
 *     digits, made by {@code ./mynaterm agent member-key FILE}; every library terminal has the same
 *     file, the hub never). Empty: required outside development mode; in development one is made in
 *     the terminal's data directory
 */
public record LibrarySettings(HttpSettings staffUi, Sip2Settings sip2, HttpSettings residentUi, String memberKey) {
  public static final LibrarySettings DEFAULT = new LibrarySettings(null, null, null, null);

  public LibrarySettings {
    staffUi = Check.orDefault(staffUi, new HttpSettings(null, 8081));
    residentUi = Check.orDefault(residentUi, new HttpSettings(null, 8083));
    sip2 = Check.orDefault(sip2, Sip2Settings.DEFAULT);
    memberKey = Check.orDefault(memberKey, "");
  }
}
