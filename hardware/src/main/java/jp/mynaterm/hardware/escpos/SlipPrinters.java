package jp.mynaterm.hardware.escpos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import jp.mynaterm.config.SlipPrinterSettings;
import jp.mynaterm.hardware.print.FilePrinter;

/** Builds the slip printer the settings describe. */
public final class SlipPrinters {
  /** Long enough for a printer on the LAN to answer a real-time status query. */
  public static final Duration STATUS_TIMEOUT = Duration.ofSeconds(1);

  private SlipPrinters() {}

  /** @return empty when no slip printer is configured */
  public static Optional<SlipPrinter> from(SlipPrinterSettings settings, Path base) {
    String c = settings.connection();
    PaperWidth width = PaperWidth.ofMillimetres(settings.paperWidth());
    if (c.isEmpty()) return Optional.empty();
    if (c.startsWith("dir:")) return Optional.of(new SlipFilePrinter(new FilePrinter(base.resolve(c.substring(4))), width));
    return Optional.of(new EscPosPrinter(link(c), width, STATUS_TIMEOUT));
  }

  /** {@code tcp:HOST:PORT} or {@code device:/dev/...}, as the configuration and the command line write it. */
  public static PrinterLink link(String connection) {
    if (connection.startsWith("device:")) return new PrinterLink.Device(Path.of(connection.substring(7)));
    String hostPort = connection.startsWith("tcp:") ? connection.substring(4) : connection;
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) throw new IllegalArgumentException("expected HOST:PORT (got '" + hostPort + "')");
    try {
      return new PrinterLink.Tcp(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port must be a number (got '" + hostPort.substring(colon + 1) + "')");
    }
  }
}
