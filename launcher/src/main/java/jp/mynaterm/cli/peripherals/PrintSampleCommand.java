package jp.mynaterm.cli.peripherals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.CertificatePrinterSettings;
import jp.mynaterm.hardware.print.CertificateDocument;
import jp.mynaterm.hardware.print.CertificateRenderer;
import jp.mynaterm.hardware.print.CupsPrinter;
import jp.mynaterm.hardware.print.PrintOutcome;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Renders a sample 住民票の写し with made-up data: into a PDF file (--out), or to a CUPS queue",
      "(--printer), following the job until it completes or fails.",
      "Exit codes: 0 printed, 1 the printer or CUPS failed (the reason is shown), 2 bad usage."
    })
final class PrintSampleCommand implements Callable<Integer> {
  static final class Target {
    @Option(names = "--out", paramLabel = "FILE.pdf", description = "Write the PDF here.")
    Path out;

    @Option(names = "--printer", paramLabel = "QUEUE", description = "Print on this CUPS queue and wait for the job's end.")
    String printer;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--cups", paramLabel = "URL", defaultValue = "http://127.0.0.1:631", description = "CUPS server (default: ${DEFAULT-VALUE}).")
  URI cups;

  @Option(names = "--font", paramLabel = "TTF", defaultValue = CertificatePrinterSettings.IPAEX_MINCHO, description = "Japanese TrueType font (default: ${DEFAULT-VALUE}).")
  Path font;

  @Option(names = "--seal", paramLabel = "IMAGE", description = "The authority's seal image (PNG/JPEG) to print beside the issuer.")
  Path seal;

  @Option(names = "--code", defaultValue = "K7Q2-9MX4-T3LA", description = "Verification code to print and put in the QR code (default: ${DEFAULT-VALUE}).")
  String code;

  @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS", description = "How long to follow the job (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() {
    byte[] pdf;
    try {
      pdf = new CertificateRenderer(font, Optional.ofNullable(seal), "美濃市 MINO CITY")
          .render(CertificateDocument.sample(LocalDate.now(), code));
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot render the certificate: " + e.getMessage());
    }
    if (target.out != null) {
      try {
        Path parent = target.out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.write(target.out, pdf);
      } catch (IOException e) {
        throw new CommandFailure(ExitCodes.FAILURE, "cannot write " + target.out + ": " + e.getMessage());
      }
      System.out.println("wrote " + target.out + " (" + pdf.length + " bytes)");
      return ExitCodes.OK;
    }
    PrintOutcome outcome = new CupsPrinter(cups, target.printer, Duration.ofSeconds(timeoutSeconds)).print("住民票の写し (sample)", pdf);
    return switch (outcome) {
      case PrintOutcome.Printed p -> {
        System.out.println("printed: job " + p.where() + " completed");
        yield ExitCodes.OK;
      }
      case PrintOutcome.Failed f -> throw new CommandFailure(ExitCodes.FAILURE,
          "not printed: " + f.explanation());
    };
  }
}
