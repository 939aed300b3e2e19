package jp.mynaterm.kiosk.print;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import jp.mynaterm.hardware.Peripherals;
import jp.mynaterm.hardware.print.CertificateDocument;
import jp.mynaterm.hardware.print.CertificateRenderer;
import jp.mynaterm.hardware.print.PrintOutcome;
import jp.mynaterm.kiosk.flow.CertificatePrinter;

/**
 * Prints the hub's signed document on the kiosk's A4 printer: laid out as a certificate, rendered to
 * PDF with the Japanese font embedded (once per document, not per copy), one print job per copy,
 * each followed to its end (CUPS) or written whole (the file printer). The printer's health follows
 * the outcome for the heartbeat.
 */
public final class SignedCertificatePrinter implements CertificatePrinter {
  private final CertificateRenderer renderer;
  private final Peripherals peripherals;
  private JsonNode renderedFor;
  private CertificateDocument printable;
  private byte[] pdf;

  public SignedCertificatePrinter(CertificateRenderer renderer, Peripherals peripherals) {
    this.renderer = renderer;
    this.peripherals = peripherals;
  }

  @Override
  public synchronized void print(JsonNode document, int copy, int copies) throws PrintProblem {
    if (renderedFor != document) {
      try {
        printable = PrintableCertificate.from(document);
        pdf = renderer.render(printable);
        renderedFor = document;
      } catch (IOException | IllegalArgumentException e) {
        throw new PrintProblem("cannot lay out the certificate: " + e.getMessage());
      }
    }
    if (peripherals.printCertificate(printable.title() + " " + printable.verificationCode() + " (" + copy + "/" + copies + ")", pdf)
        instanceof PrintOutcome.Failed f) {
      throw new PrintProblem(f.problem().english() + ": " + f.detail(), f.problem() == jp.mynaterm.hardware.print.PrintProblem.JAMMED_AFTER_SENDING);
    }
  }
}
