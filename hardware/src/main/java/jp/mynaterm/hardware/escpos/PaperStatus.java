package jp.mynaterm.hardware.escpos;

/** The roll paper as the printer reports it (DLE EOT 4), or why we do not know. */
public enum PaperStatus {
  OK,
  NEAR_END,
  OUT,
  /** Connected, but the printer did not answer the status query (some network interfaces do not). */
  NO_ANSWER,
  /** The printer could not be reached at all. */
  UNREACHABLE;

  /** Reads the DLE EOT 4 answer byte. */
  public static PaperStatus of(int answer) {
    if ((answer & EscPos.PAPER_OUT_BITS) != 0) return OUT;
    if ((answer & EscPos.NEAR_END_BITS) != 0) return NEAR_END;
    return OK;
  }
}
