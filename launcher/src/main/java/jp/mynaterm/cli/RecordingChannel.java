package jp.mynaterm.cli;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/** A card channel that remembers the commands sent through it, so a benchmark can replay them bare. */
final class RecordingChannel extends CardChannel {
  private final CardChannel inner;
  private final List<byte[]> sent = new ArrayList<>();

  RecordingChannel(CardChannel inner) {
    this.inner = inner;
  }

  /** The commands since the last call, and forgets them. */
  synchronized List<byte[]> drain() {
    List<byte[]> out = List.copyOf(sent);
    sent.clear();
    return out;
  }

  CardChannel bare() {
    return inner;
  }

  @Override
  public Card getCard() {
    return inner.getCard();
  }

  @Override
  public int getChannelNumber() {
    return inner.getChannelNumber();
  }

  @Override
  public ResponseAPDU transmit(CommandAPDU command) throws CardException {
    synchronized (this) {
      sent.add(command.getBytes());
    }
    return inner.transmit(command);
  }

  @Override
  public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
    synchronized (this) {
      sent.add(command.duplicate().array());
    }
    return inner.transmit(command, response);
  }

  @Override
  public void close() throws CardException {
    inner.close();
  }
}
