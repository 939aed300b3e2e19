package jp.mynaterm.config;

/**
 * @param staffUi the staff page's address (loopback by default)
 * @param sip2 the library system's SIP2 server
 * @param memberKey the file with the key that seals patron numbers on their way through the hub (64 hex
 *     digits, made by {@code ./mynaterm agent member-key FILE}; every library terminal has the same
 *     file, the hub never). Empty: required outside development mode; in development one is made in
 *     the terminal's data directory
 */
public record LibrarySettings(HttpSettings staffUi, Sip2Settings sip2, String memberKey) {
  public static final LibrarySettings DEFAULT = new LibrarySettings(null, null, null);

  public LibrarySettings {
    staffUi = Check.orDefault(staffUi, new HttpSettings(null, 8081));
    sip2 = Check.orDefault(sip2, Sip2Settings.DEFAULT);
    memberKey = Check.orDefault(memberKey, "");
  }
}
