package jp.mynaterm.hardware.card.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport that keeps every exchange that went through it: a benchmark replays the commands bare,
 * a test writes them into an APDU fixture.
 */
public final class RecordingTransport implements CardTransport {
  /** One command and the card's whole answer. */
  public record Exchange(byte[] command, byte[] response) {}

  private final CardTransport inner;
  private final List<Exchange> exchanges = new ArrayList<>();

  public RecordingTransport(CardTransport inner) {
    this.inner = inner;
  }

  @Override
  public byte[] transmit(byte[] command, Duration limit) throws TransportException {
    byte[] response = inner.transmit(command, limit);
    synchronized (this) {
      exchanges.add(new Exchange(command.clone(), response.clone()));
    }
    return response;
  }

  /** The exchanges since the last call, which are then forgotten. */
  public synchronized List<Exchange> drain() {
    List<Exchange> out = List.copyOf(exchanges);
    exchanges.clear();
    return out;
  }

  /** The transport underneath, without recording. */
  public CardTransport bare() {
    return inner;
  }
}
