package jp.mynaterm.kiosk.flow;

import com.fasterxml.jackson.databind.JsonNode;

/** Prints a granted document on A4, one copy per call, and waits for that copy's job to end. */
public interface CertificatePrinter {
  /**
   * Prints copy {@code copy} of {@code copies}; returns once it came out.
   *
   * @throws PrintProblem it did not come out (and, if {@link PrintProblem#mayBeInPrinter}, may be stuck inside)
   */
  void print(JsonNode document, int copy, int copies) throws PrintProblem;

  /**
   * The hub granted this document: lay it out now, in the background, so the resident reading the
   * fee does not wait for it after paying. Nothing is printed; a document never paid is dropped.
   */
  default void prepare(JsonNode document) {}

  /** The copy did not come out: offline, out of paper, stopped, or jammed after it was sent. */
  final class PrintProblem extends Exception {
    private final boolean mayBeInPrinter;

    public PrintProblem(String message) {
      this(message, false);
    }

    /** @param mayBeInPrinter the sheet went in and jammed: staff must look, and printing again is pointless */
    public PrintProblem(String message, boolean mayBeInPrinter) {
      super(message, null, false, false);
      this.mayBeInPrinter = mayBeInPrinter;
    }

    public boolean mayBeInPrinter() {
      return mayBeInPrinter;
    }
  }
}
