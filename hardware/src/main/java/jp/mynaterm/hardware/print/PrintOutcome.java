package jp.mynaterm.hardware.print;

/** The end of one print: printed (with where it went) or failed with a problem the kiosk can explain. */
public sealed interface PrintOutcome {
  /** @param where the CUPS job ("Kiosk-A4-12") or the file the simulator wrote */
  record Printed(String where) implements PrintOutcome {}

  /** @param detail what the printer or CUPS said, for the log; never shown to residents */
  record Failed(PrintProblem problem, String detail) implements PrintOutcome {
    /** English and Japanese, then the detail: for staff at a command line or in a log. */
    public String explanation() {
      return problem.english() + " / " + problem.japanese() + (detail.isBlank() ? "" : " (" + detail.strip() + ")");
    }

    @Override
    public String toString() {
      return problem + " (" + problem.english() + (detail.isEmpty() ? "" : " " + detail) + ")";
    }
  }
}
