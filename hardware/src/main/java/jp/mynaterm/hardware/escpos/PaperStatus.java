package jp.mynaterm.hardware.escpos;

/** The roll paper as the printer reports it (DLE EOT 4), or that it did not answer. */
public enum PaperStatus {
  OK,
  NEAR_END,
  OUT,
  NO_ANSWER;

  /** Reads the DLE EOT 4 answer byte. */
  public static PaperStatus of(int answer) {
    if ((answer & EscPos.PAPER_OUT_BITS) != 0) return OUT;
    if ((answer & EscPos.NEAR_END_BITS) != 0) return NEAR_END;
    return OK;
  }
}
