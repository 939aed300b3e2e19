package jp.mynaterm.agent.library.sip2;

import java.io.IOException;

/** A SIP2 exchange failed; {@link #kind()} says how, so the caller can decide to queue or to refuse. */
public final class Sip2Exception extends IOException {
  public enum Kind {
    /** No connection, or it broke: the library system is unreachable; queue and retry later. */
    UNREACHABLE,
    /** No answer in time. */
    TIMEOUT,
    /** The answer was not SIP2, or not the answer to what was asked. */
    PROTOCOL,
    /** Checksums kept failing after the allowed resends. */
    CHECKSUM,
    /** The library system refused the login. */
    LOGIN_REFUSED
  }

  private final Kind kind;

  public Sip2Exception(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Sip2Exception(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether trying again later may succeed (the transaction can wait in the offline queue). */
  public boolean transientFailure() {
    return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT;
  }
}
