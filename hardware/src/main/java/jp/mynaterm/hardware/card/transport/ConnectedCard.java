package jp.mynaterm.hardware.card.transport;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A card connected in a reader: where it sits, its ATR, its {@link CardTransport}, and its release. */
public interface ConnectedCard {
  String reader();

  byte[] atr();

  CardTransport transport();

  /**
   * The reader's control channel, where it has one (PC/SC readers; the in-process card when given a
   * virtual PIN pad).
   */
  default Optional<ReaderControl> control() {
    return Optional.empty();
  }

  /**
   * Holds the card for this connection alone until {@link #release} (PC/SC {@code SCardBeginTransaction},
   * javax.smartcardio {@code Card.beginExclusive}): while a PIN is verified, no other program on this
   * machine may send the card a command, so none can SIGN with the verified PIN. Holding it again is a
   * no-op. Fails with {@link TransportFailure.Timeout} when another connection holds it past {@code limit}.
   */
  void holdExclusively(Duration limit) throws TransportException;

  /**
   * Releases the card with a reset, so a verified PIN does not stay usable by the next program that
   * talks to the reader; exclusive access ends with it. Never fails: a card already gone needs no release. The connection takes no
   * command afterwards.
   */
  void release();

  /** The same card with its transport wrapped (a benchmark's or a fixture's recorder). */
  default ConnectedCard withTransport(UnaryOperator<CardTransport> wrap) {
    ConnectedCard inner = this;
    CardTransport wrapped = wrap.apply(inner.transport());
    return new ConnectedCard() {
      public String reader() {
        return inner.reader();
      }

      public byte[] atr() {
        return inner.atr();
      }

      public CardTransport transport() {
        return wrapped;
      }

      public Optional<ReaderControl> control() {
        return inner.control();
      }

      public void holdExclusively(Duration limit) throws TransportException {
        inner.holdExclusively(limit);
      }

      public void release() {
        inner.release();
      }
    };
  }
}
