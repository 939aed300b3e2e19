package jp.mynaterm.config;

/**
 * @param slipPrinter where reception slips go: {@code tcp:HOST:PORT}, a device file such as
 *     {@code /dev/usb/lp0}, or {@code dir:PATH} for the file simulator
 */
public record HospitalSettings(String slipPrinter) {
  public static final HospitalSettings DEFAULT = new HospitalSettings(null);

  public HospitalSettings {
    slipPrinter = Check.orDefault(slipPrinter, "dir:var/slips");
  }
}
