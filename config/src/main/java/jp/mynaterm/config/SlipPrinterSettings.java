package jp.mynaterm.config;

/**
 * A thermal receipt/slip printer speaking ESC/POS.
 *
 * @param connection {@code tcp:HOST:PORT} (usually port 9100), {@code device:/dev/usb/lp0} for a USB
 *     printer class device or a serial port set up beforehand, {@code dir:PATH} for the file
 *     simulator, empty for none
 * @param paperWidth 58 or 80 (mm)
 */
public record SlipPrinterSettings(String connection, Integer paperWidth) {
  public static final SlipPrinterSettings DEFAULT = new SlipPrinterSettings(null, null);

  public SlipPrinterSettings {
    connection = Check.orDefault(connection, "");
    if (!connection.isEmpty() && !connection.matches("(tcp:[^:\\s]+:\\d{1,5}|device:/\\S+|dir:\\S+)")) {
      throw new InvalidValue("connection", "must be tcp:HOST:PORT, device:/dev/... or dir:PATH (got '" + connection + "')");
    }
    paperWidth = Check.orDefault(paperWidth, 80);
    if (paperWidth != 58 && paperWidth != 80) {
      throw new InvalidValue("paperWidth", "must be 58 or 80 (got " + paperWidth + ")");
    }
  }
}
