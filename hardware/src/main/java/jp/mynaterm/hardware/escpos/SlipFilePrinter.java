package jp.mynaterm.hardware.escpos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jp.mynaterm.hardware.print.FilePrinter;
import jp.mynaterm.hardware.print.PrintOutcome;
import jp.mynaterm.hardware.print.PrintProblem;

/** The simulator for the slip printer: each slip becomes a text file in the file printer's folder. */
public final class SlipFilePrinter implements SlipPrinter {
  private final FilePrinter files;
  private final SlipText text;

  public SlipFilePrinter(FilePrinter files, PaperWidth width) {
    this.files = files;
    this.text = new SlipText(width);
  }

  @Override
  public PrintOutcome print(Slip slip) {
    try {
      return new PrintOutcome.Printed(files.write(slip.title(), ".txt", text.render(slip).getBytes(StandardCharsets.UTF_8)).toString());
    } catch (IOException e) {
      return new PrintOutcome.Failed(PrintProblem.PRINTER_OFFLINE, files.describe() + ": " + e.getMessage());
    }
  }

  @Override
  public PaperStatus paper() {
    return PaperStatus.OK;
  }

  @Override
  public String describe() {
    return files.describe();
  }
}
