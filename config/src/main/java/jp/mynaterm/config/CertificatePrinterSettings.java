package jp.mynaterm.config;

import java.time.Duration;

/**
 * The A4 printer for certificates and how certificates look.
 *
 * @param queue the CUPS queue, {@code dir:PATH} for the file simulator, empty for none
 * @param cups the CUPS server's base URL (IPP over HTTP)
 * @param font a TrueType font with Japanese glyphs (IPAex from Debian's fonts-ipaexfont)
 * @param seal an image of the issuing authority's seal (PNG/JPEG), empty for none
 * @param jobTimeout how long to follow a job before reporting that it did not finish
 */
public record CertificatePrinterSettings(String queue, String cups, String font, String seal, Duration jobTimeout) {
  public static final String IPAEX_MINCHO = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf";
  public static final CertificatePrinterSettings DEFAULT = new CertificatePrinterSettings(null, null, null, null, null);

  public CertificatePrinterSettings {
    queue = Check.orDefault(queue, "");
    cups = Check.orDefault(cups, "http://127.0.0.1:631");
    if (!cups.matches("https?://[^/\\s]+/?")) {
      throw new InvalidValue("cups", "must look like http://host:631 (got '" + cups + "')");
    }
    font = Check.orDefault(font, IPAEX_MINCHO);
    seal = Check.orDefault(seal, "");
    jobTimeout = Check.positive("jobTimeout", Check.orDefault(jobTimeout, Duration.ofMinutes(2)));
  }
}
