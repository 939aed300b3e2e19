package jp.mynaterm.hardware.print;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import jp.mynaterm.config.CertificatePrinterSettings;

/** Builds the certificate printer and renderer the settings describe. */
public final class CertificatePrinters {
  private CertificatePrinters() {}

  /**
   * @param base where relative {@code dir:} paths start (the installation or data directory)
   * @return empty when no printer is configured
   */
  public static Optional<CertificatePrinter> from(CertificatePrinterSettings settings, Path base) {
    String queue = settings.queue();
    if (queue.isEmpty()) return Optional.empty();
    if (queue.startsWith("dir:")) return Optional.of(new FilePrinter(base.resolve(queue.substring(4))));
    return Optional.of(new CupsPrinter(URI.create(settings.cups()), queue, settings.jobTimeout()));
  }

  public static CertificateRenderer renderer(CertificatePrinterSettings settings, String patternText) {
    return new CertificateRenderer(Path.of(settings.font()),
        settings.seal().isEmpty() ? Optional.empty() : Optional.of(Path.of(settings.seal())), patternText);
  }
}
