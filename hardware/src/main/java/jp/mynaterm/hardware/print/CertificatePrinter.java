package jp.mynaterm.hardware.print;

/** The port for the A4 printer: takes a finished PDF and follows it to its end. Never throws. */
public interface CertificatePrinter {
  PrintOutcome print(String title, byte[] pdf);

  /** A short name for logs and peripheral health, e.g. "cups:Kiosk-A4" or "dir:var/prints". */
  String describe();
}
