package jp.mynaterm.kiosk.print;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import jp.mynaterm.hardware.Peripherals;
import jp.mynaterm.hardware.print.CertificateDocument;
import jp.mynaterm.hardware.print.CertificateRenderer;
import jp.mynaterm.hardware.print.PrintOutcome;
import jp.mynaterm.kiosk.flow.CertificatePrinter;

/**
 * Prints the hub's signed document on the kiosk's A4 printer: laid out as a certificate, rendered to
 * PDF with the Japanese font embedded — once per document, started when the hub grants it (while the
 * resident reads the fee and pays), not per copy — then one print job per copy, each followed to its
 * end (CUPS) or written whole (the file printer). The printer's health follows the outcome for the
 * heartbeat.
 */
public final class SignedCertificatePrinter implements CertificatePrinter {
  private record Rendered(CertificateDocument printable, byte[] pdf) {}

  private final CertificateRenderer renderer;
  private final Peripherals peripherals;
  private JsonNode renderedFor;
  private CompletableFuture<Rendered> rendering;

  public SignedCertificatePrinter(CertificateRenderer renderer, Peripherals peripherals) {
    this.renderer = renderer;
    this.peripherals = peripherals;
  }

  @Override
  public synchronized void prepare(JsonNode document) {
    if (renderedFor == document) return;
    renderedFor = document; // the last granted one only: the previous resident's PDF is dropped
    CompletableFuture<Rendered> f = new CompletableFuture<>();
    rendering = f;
    Thread.ofVirtual().name("render-certificate").start(() -> {
      try {
        CertificateDocument printable = PrintableCertificate.from(document);
        f.complete(new Rendered(printable, renderer.render(printable)));
      } catch (IOException | RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
  }

  @Override
  public void print(JsonNode document, int copy, int copies) throws PrintProblem {
    Rendered r = rendered(document);
    if (peripherals.printCertificate(r.printable().title() + " " + r.printable().verificationCode() + " (" + copy + "/" + copies + ")", r.pdf())
        instanceof PrintOutcome.Failed f) {
      throw new PrintProblem(f.problem().english() + ": " + f.detail(), f.problem() == jp.mynaterm.hardware.print.PrintProblem.JAMMED_AFTER_SENDING);
    }
  }

  private Rendered rendered(JsonNode document) throws PrintProblem {
    CompletableFuture<Rendered> f;
    synchronized (this) {
      prepare(document);
      f = rendering;
    }
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new PrintProblem("cannot lay out the certificate: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrintProblem("interrupted while laying out the certificate");
    }
  }
}
