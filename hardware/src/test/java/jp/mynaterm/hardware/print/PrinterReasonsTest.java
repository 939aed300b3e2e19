package jp.mynaterm.hardware.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Printers report trouble as printer-state-reasons; the kiosk must tell paper out from offline. */
class PrinterReasonsTest {
  @Test
  void errorsStopPrintingWithTheirOwnProblem() {
    assertEquals(Optional.of(PrintProblem.PAPER_OUT), PrinterReasons.problem(List.of("media-empty-error")));
    assertEquals(Optional.of(PrintProblem.PAPER_OUT), PrinterReasons.problem(List.of("none", "media-needed")));
    assertEquals(Optional.of(PrintProblem.PRINTER_OFFLINE), PrinterReasons.problem(List.of("offline-report")));
    assertEquals(Optional.of(PrintProblem.PAPER_JAM), PrinterReasons.problem(List.of("media-jam-error")));
    assertEquals(Optional.of(PrintProblem.COVER_OPEN), PrinterReasons.problem(List.of("door-open-error")));
    assertEquals(Optional.of(PrintProblem.PRINTER_STOPPED), PrinterReasons.problem(List.of("paused")));
  }

  @Test
  void warningsAndProgressReportsDoNot() {
    assertEquals(Optional.empty(), PrinterReasons.problem(List.of("none")));
    assertEquals(Optional.empty(), PrinterReasons.problem(List.of("media-low-warning", "toner-low-report")));
    assertEquals(Optional.empty(), PrinterReasons.problem(List.of("connecting-to-device-report")));
  }
}
