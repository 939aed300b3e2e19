package jp.mynaterm.hardware.print;

import java.util.List;
import java.util.Optional;

/**
 * Reads IPP printer-state-reasons (RFC 8011 §5.4.12) into the problem the kiosk explains. Warnings
 * ("media-low-warning") and reports do not stop printing; a reason without a suffix counts as an
 * error, as the RFC says. CUPS adds "offline-report" when the device does not answer.
 */
final class PrinterReasons {
  private PrinterReasons() {}

  static Optional<PrintProblem> problem(List<String> reasons) {
    for (String raw : reasons) {
      if (raw.endsWith("-warning")) continue;
      String reason = raw.replaceFirst("-(error|report)$", "");
      PrintProblem problem = switch (reason) {
        case "media-empty", "media-needed" -> PrintProblem.PAPER_OUT;
        case "media-jam" -> PrintProblem.PAPER_JAM;
        case "cover-open", "door-open", "interlock-open" -> PrintProblem.COVER_OPEN;
        case "offline", "shutdown", "timed-out", "connecting-to-device" -> PrintProblem.PRINTER_OFFLINE;
        case "paused", "stopped" -> PrintProblem.PRINTER_STOPPED;
        default -> null;
      };
      // connecting-to-device is a report CUPS gives while it tries; only an error or a plain reason stops us,
      // except offline, which CUPS only ever reports.
      if (problem != null && (!raw.endsWith("-report") || reason.equals("offline"))) return Optional.of(problem);
    }
    return Optional.empty();
  }
}
