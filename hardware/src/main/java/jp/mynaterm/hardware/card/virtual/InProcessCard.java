package jp.mynaterm.hardware.card.virtual;

import java.nio.ByteBuffer;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * The virtual card as a javax.smartcardio {@link Card} in the same process: fast unit tests run the
 * real host code ({@code MyNumberCard}, {@code ApduChannel}) without pcscd. A pulled card answers
 * like PC/SC does: {@code SCARD_W_REMOVED_CARD}, now and for every later command.
 */
public final class InProcessCard extends Card {
  private final VirtualMyNumberCard card;
  private final Channel basic = new Channel();
  private volatile boolean removed;

  public InProcessCard(VirtualMyNumberCard card) {
    this.card = card;
    card.reset();
  }

  /** Puts the card back after it was pulled (a fresh power-up). */
  public void reinsert() {
    card.reset();
    removed = false;
  }

  @Override
  public ATR getATR() {
    return new ATR(card.atr());
  }

  @Override
  public String getProtocol() {
    return "T=1";
  }

  @Override
  public CardChannel getBasicChannel() {
    return basic;
  }

  @Override
  public CardChannel openLogicalChannel() throws CardException {
    throw new CardException("logical channels are not supported by the My Number card");
  }

  @Override
  public void beginExclusive() {}

  @Override
  public void endExclusive() {}

  @Override
  public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
    throw new CardException("no control commands");
  }

  @Override
  public void disconnect(boolean reset) {
    if (reset) card.reset();
  }

  private final class Channel extends CardChannel {
    @Override
    public Card getCard() {
      return InProcessCard.this;
    }

    @Override
    public int getChannelNumber() {
      return 0;
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) throws CardException {
      return new ResponseAPDU(exchange(command.getBytes()));
    }

    @Override
    public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
      byte[] c = new byte[command.remaining()];
      command.get(c);
      byte[] r = exchange(c);
      response.put(r);
      return r.length;
    }

    private byte[] exchange(byte[] apdu) throws CardException {
      if (removed) throw new CardException("SCARD_W_REMOVED_CARD");
      try {
        return card.process(apdu);
      } catch (CardPulledException e) {
        removed = true;
        throw new CardException("SCARD_W_REMOVED_CARD");
      }
    }

    @Override
    public void close() {}
  }
}
