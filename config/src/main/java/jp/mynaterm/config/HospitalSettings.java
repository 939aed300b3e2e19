package jp.mynaterm.config;

/**
 * @param slipPrinter where reception slips go: {@code tcp:HOST:PORT}, a device file such as
 *     {@code /dev/usb/lp0}, or {@code dir:PATH} for the file simulator
 * @param receptionUi the reception page's address (loopback by default, port 8082)
 * @param residentUi the resident-facing PIN page's address (the patient's display or keypad; loopback
 *     by default, port 8084): the PIN is never typed on the reception page
 * @param memberKey the file with the key that seals patient numbers on their way through the hub (as
 *     {@link LibrarySettings#memberKey}; every reception terminal of the hospital has the same file)
 */
public record HospitalSettings(String slipPrinter, HttpSettings receptionUi, HttpSettings residentUi, String memberKey) {
  public static final HospitalSettings DEFAULT = new HospitalSettings(null, null, null, null);

  public HospitalSettings {
    residentUi = Check.orDefault(residentUi, new HttpSettings(null, 8084));
    slipPrinter = Check.orDefault(slipPrinter, "dir:var/slips");
    receptionUi = Check.orDefault(receptionUi, new HttpSettings(null, 8082));
    memberKey = Check.orDefault(memberKey, "");
  }
}
