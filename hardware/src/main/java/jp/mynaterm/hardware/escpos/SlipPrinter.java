package jp.mynaterm.hardware.escpos;

import jp.mynaterm.hardware.print.PrintOutcome;

/** The port for the thermal slip printer. Never throws; the outcome says what happened. */
public interface SlipPrinter {
  PrintOutcome print(Slip slip);

  /** The roll paper now, for the heartbeat and for refusing a job before it starts. */
  PaperStatus paper();

  String describe();
}
