package jp.mynaterm.hardware.card.virtual;

import java.time.Duration;
import jp.mynaterm.hardware.card.transport.CardThread;
import jp.mynaterm.hardware.card.transport.CardTransport;
import jp.mynaterm.hardware.card.transport.ConnectedCard;
import jp.mynaterm.hardware.card.transport.TransportException;
import jp.mynaterm.hardware.card.transport.TransportFailure;

/**
 * The virtual card connected in this process: fast tests and the demo run the same host code
 * ({@code MyNumberCard}, {@code ApduChannel}) as with PC/SC, without pcscd. Calls run on the card's
 * own thread with the same time limits; a pulled card fails like PC/SC does ({@link
 * TransportFailure.CardRemoved}), now and for every later command, and so does a released one.
 */
public final class InProcessCard implements ConnectedCard, CardTransport {
  private final VirtualMyNumberCard card;
  // A virtual thread: the virtual card makes no native calls, and tests leave many connections open.
  private final CardThread thread = new CardThread(Thread.ofVirtual().name("in-process card").factory());
  private volatile boolean removed;

  public InProcessCard(VirtualMyNumberCard card) {
    this.card = card;
    card.reset();
  }

  @Override
  public String reader() {
    return "in-process";
  }

  @Override
  public byte[] atr() {
    return card.atr();
  }

  @Override
  public CardTransport transport() {
    return this;
  }

  @Override
  public byte[] transmit(byte[] command, Duration limit) throws TransportException {
    byte[] copy = command.clone();
    return thread.call(() -> {
      if (removed) throw new TransportException(new TransportFailure.CardRemoved());
      try {
        return card.process(copy);
      } catch (CardPulledException e) {
        removed = true;
        throw new TransportException(new TransportFailure.CardRemoved());
      }
    }, limit);
  }

  @Override
  public void release() {
    removed = true;
    card.reset();
    thread.close();
  }
}
