package jp.mynaterm.agent.outbox;

/** What became of an event handed to the outbox: committed durably, or refused (nothing stored). */
public sealed interface Appended {

  /** On disk with this sequence; the caller may now say "done" (green light). */
  record Committed(long seq) implements Appended {}

  /**
   * Not stored: the caller must show a fault, not an OK.
   *
   * @param reason {@code full} when the outbox holds its configured maximum, {@code storage} when the
   *     disk or database failed
   */
  record Refused(String reason, String detail) implements Appended {}
}
