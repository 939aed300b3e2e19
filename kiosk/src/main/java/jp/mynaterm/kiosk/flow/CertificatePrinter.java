package jp.mynaterm.kiosk.flow;

import com.fasterxml.jackson.databind.JsonNode;

/** Prints a granted document on A4 and waits for the job to end. */
public interface CertificatePrinter {
  void print(JsonNode document, int copies) throws PrintProblem;

  /** The print did not complete: offline, out of paper, stopped; nothing usable came out. */
  final class PrintProblem extends Exception {
    public PrintProblem(String message) {
      super(message, null, false, false);
    }
  }
}
