package jp.mynaterm.hardware.card.transport;

import java.time.Duration;

/** Why bytes did not come back from a card, as a value: {@code ApduChannel} turns it into a {@code CardProblem}. */
public sealed interface TransportFailure {
  String describe();

  /** The card left the reader (now or earlier on this connection), or the connection was released. */
  record CardRemoved() implements TransportFailure {
    public String describe() {
      return "the card was removed";
    }
  }

  /** The reader or the PC/SC service is no longer there. */
  record ReaderGone(String detail) implements TransportFailure {
    public String describe() {
      return "reader gone: " + detail;
    }
  }

  /**
   * No answer within {@code after}. The answer may still come, so the connection takes no further
   * command: those fail at once with {@code earlierCommand} set.
   */
  record Timeout(Duration after, boolean earlierCommand) implements TransportFailure {
    public String describe() {
      return (earlierCommand ? "an earlier command " : "") + "got no answer within " + after.toMillis() + " ms";
    }
  }

  /**
   * The waiting thread was interrupted after {@code after}. The card may still be answering, so, as
   * after a {@link Timeout}, the connection takes no further command: those fail at once with
   * {@code earlierCommand} set.
   */
  record Interrupted(Duration after, boolean earlierCommand) implements TransportFailure {
    public String describe() {
      return (earlierCommand ? "an earlier command was " : "") + "interrupted after " + after.toMillis() + " ms";
    }
  }

  /**
   * Another connection holds the card exclusively (PC/SC {@code SCARD_E_SHARING_VIOLATION}): a PIN
   * session of another program, or of another connection of this one.
   */
  record InUse() implements TransportFailure {
    public String describe() {
      return "the card is held exclusively by another connection";
    }
  }

  /** The reader reported an error other than removal. */
  record Io(String detail) implements TransportFailure {
    public String describe() {
      return "reader error: " + detail;
    }
  }

  /** What came back is not a response APDU (too short, undecodable). */
  record Protocol(String detail) implements TransportFailure {
    public String describe() {
      return detail;
    }
  }
}
