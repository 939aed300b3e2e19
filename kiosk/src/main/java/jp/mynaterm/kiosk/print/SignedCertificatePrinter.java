package jp.mynaterm.kiosk.print;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import jp.mynaterm.hardware.Peripherals;
import jp.mynaterm.hardware.print.CertificateDocument;
import jp.mynaterm.hardware.print.CertificateRenderer;
import jp.mynaterm.hardware.print.PrintOutcome;
import jp.mynaterm.kiosk.flow.CertificatePrinter;

/**
 * Prints the hub's signed document on the kiosk's A4 printer: laid out as a certificate, each copy with
 * its own verification code and QR code, rendered to PDF with the Japanese font embedded — started
 * when the hub grants it (while the resident reads the fee and pays), the first copy first — then one
 * print job per copy, each followed to its end (CUPS) or written whole (the file printer). The
 * printer's health follows the outcome for the heartbeat.
 */
public final class SignedCertificatePrinter implements CertificatePrinter {
  private record Rendered(CertificateDocument printable, byte[] pdf) {}

  private final CertificateRenderer renderer;
  private final Peripherals peripherals;
  private JsonNode renderedFor;
  /** The copies being laid out, in print order. */
  private List<CompletableFuture<Rendered>> rendering = List.of();

  public SignedCertificatePrinter(CertificateRenderer renderer, Peripherals peripherals) {
    this.renderer = renderer;
    this.peripherals = peripherals;
  }

  @Override
  public synchronized void prepare(JsonNode document) {
    if (renderedFor == document) return;
    renderedFor = document; // the last granted one only: the previous resident's PDFs are dropped
    int copies = Math.max(1, document.path("papers").size());
    List<CompletableFuture<Rendered>> futures = Stream.generate(CompletableFuture<Rendered>::new).limit(copies).toList();
    rendering = futures;
    Thread.ofVirtual().name("render-certificate").start(() -> {
      for (int copy = 1; copy <= copies; copy++) {
        CompletableFuture<Rendered> f = futures.get(copy - 1);
        try {
          CertificateDocument printable = PrintableCertificate.from(document, copy);
          f.complete(new Rendered(printable, renderer.render(printable)));
        } catch (IOException | RuntimeException e) {
          f.completeExceptionally(e);
        }
      }
    });
  }

  @Override
  public void print(JsonNode document, int copy, int copies) throws PrintProblem {
    Rendered r = rendered(document, copy);
    if (peripherals.printCertificate(r.printable().title() + " " + r.printable().verificationCode() + " (" + copy + "/" + copies + ")", r.pdf())
        instanceof PrintOutcome.Failed f) {
      throw new PrintProblem(f.problem().english() + ": " + f.detail(), f.problem() == jp.mynaterm.hardware.print.PrintProblem.JAMMED_AFTER_SENDING);
    }
  }

  private Rendered rendered(JsonNode document, int copy) throws PrintProblem {
    CompletableFuture<Rendered> f;
    synchronized (this) {
      prepare(document);
      // A document with one code for all copies is laid out once and printed for each.
      f = rendering.get(Math.min(copy, rendering.size()) - 1);
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
