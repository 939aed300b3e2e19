package jp.mynaterm.cli.peripherals;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.hardware.escpos.EscPosPrinter;
import jp.mynaterm.hardware.escpos.PaperWidth;
import jp.mynaterm.hardware.escpos.PrinterLink;
import jp.mynaterm.hardware.escpos.Slip;
import jp.mynaterm.hardware.escpos.SlipFilePrinter;
import jp.mynaterm.hardware.escpos.SlipPrinter;
import jp.mynaterm.hardware.escpos.SlipPrinters;
import jp.mynaterm.hardware.print.FilePrinter;
import jp.mynaterm.hardware.print.PrintOutcome;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a sample hospital reception slip (受付票) with made-up data on a thermal printer:",
      "over TCP (--tcp, usually port 9100), a device file (--device /dev/usb/lp0 or a serial port),",
      "or as text into a folder (--out, the file simulator).",
      "Exit codes: 0 printed, 1 the printer failed (the reason is shown), 2 bad usage."
    })
final class ReceiptSampleCommand implements Callable<Integer> {
  static final class Target {
    @Option(names = "--tcp", paramLabel = "HOST:PORT", description = "A network printer.")
    String tcp;

    @Option(names = "--device", paramLabel = "PATH", description = "A USB printer class device or a serial port set up with stty.")
    Path device;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the slip as text into this folder.")
    Path out;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--width", defaultValue = "80", paramLabel = "MM", description = "Paper width, 58 or 80 (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--number", defaultValue = "A-042", description = "Reception number to print (default: ${DEFAULT-VALUE}).")
  String number;

  @Override
  public Integer call() {
    PaperWidth paper;
    PrinterLink link = null;
    try {
      paper = PaperWidth.ofMillimetres(width);
      if (target.tcp != null) link = SlipPrinters.link(target.tcp);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
    }
    if (target.device != null) link = new PrinterLink.Device(target.device);
    SlipPrinter printer = link != null
        ? new EscPosPrinter(link, paper, SlipPrinters.STATUS_TIMEOUT)
        : new SlipFilePrinter(new FilePrinter(target.out), paper);
    PrintOutcome outcome = printer.print(Slip.sampleReception(number, LocalDateTime.now()));
    return switch (outcome) {
      case PrintOutcome.Printed p -> {
        System.out.println("printed: " + p.where());
        yield ExitCodes.OK;
      }
      case PrintOutcome.Failed f -> throw new CommandFailure(ExitCodes.FAILURE,
          "not printed: " + f.explanation());
    };
  }
}
