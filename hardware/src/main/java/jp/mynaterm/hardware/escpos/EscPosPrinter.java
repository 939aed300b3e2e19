package jp.mynaterm.hardware.escpos;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import jp.mynaterm.hardware.print.PrintOutcome;
import jp.mynaterm.hardware.print.PrintProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thermal printer speaking ESC/POS over a {@link PrinterLink}. Asks for the paper status before
 * each job, so an empty roll is reported instead of a slip that never comes out; a printer that
 * does not answer status queries (some network interfaces do not) still gets the job.
 */
public final class EscPosPrinter implements SlipPrinter {
  private static final Logger log = LoggerFactory.getLogger(EscPosPrinter.class);
  private final PrinterLink link;
  private final EscPos encoder;
  private final Duration statusTimeout;

  public EscPosPrinter(PrinterLink link, PaperWidth width, Duration statusTimeout) {
    this.link = link;
    this.encoder = new EscPos(width);
    this.statusTimeout = statusTimeout;
  }

  @Override
  public String describe() {
    return link.describe();
  }

  @Override
  public PrintOutcome print(Slip slip) {
    try (PrinterLink.Session session = link.open()) {
      PaperStatus paper = paper(session);
      if (paper == PaperStatus.OUT) {
        return new PrintOutcome.Failed(PrintProblem.PAPER_OUT, link.describe());
      }
      session.write(encoder.encode(slip));
      if (paper == PaperStatus.NEAR_END) log.warn("slip printer {}: paper near its end", link.describe());
      return new PrintOutcome.Printed(link.describe() + (paper == PaperStatus.NEAR_END ? " (paper near end)" : ""));
    } catch (IOException e) {
      return new PrintOutcome.Failed(PrintProblem.PRINTER_OFFLINE, link.describe() + ": " + e.getMessage());
    }
  }

  @Override
  public PaperStatus paper() {
    try (PrinterLink.Session session = link.open()) {
      return paper(session);
    } catch (IOException e) {
      return PaperStatus.UNREACHABLE;
    }
  }

  private PaperStatus paper(PrinterLink.Session session) throws IOException {
    session.write(EscPos.PAPER_STATUS);
    OptionalInt answer = session.read(statusTimeout);
    return answer.isPresent() ? PaperStatus.of(answer.getAsInt()) : PaperStatus.NO_ANSWER;
  }
}
