package jp.mynaterm.hardware.card.virtual;

/** The virtual card left the reader in the middle of a command; the transport drops the connection. */
public final class CardPulledException extends RuntimeException {
  public CardPulledException() {
    super("the virtual card was pulled", null, false, false);
  }
}
