package jp.mynaterm.hardware.card.transport;

/** A {@link TransportFailure} on its way up to {@code ApduChannel}; it never goes further. */
public final class TransportException extends Exception {
  private final transient TransportFailure failure;

  public TransportException(TransportFailure failure) {
    super(failure.describe(), null, false, false);
    this.failure = failure;
  }

  public TransportFailure failure() {
    return failure;
  }
}
