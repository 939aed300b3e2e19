package jp.mynaterm.hardware.card.transport;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import jp.mynaterm.hardware.card.MyNumberCard;

/**
 * A card that answers from an {@link ApduScript}: each command must be the recorded one, in order,
 * or the replay fails the test (an {@link AssertionError}, which no card code catches).
 */
final class ReplayCard implements ConnectedCard, CardTransport {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private final String name;
  private final List<RecordingTransport.Exchange> exchanges;
  private int next;

  ReplayCard(String name) {
    this.name = name;
    this.exchanges = ApduScript.load(name).exchanges();
  }

  @Override
  public synchronized byte[] transmit(byte[] command, Duration limit) {
    if (next >= exchanges.size()) throw new AssertionError(name + ": command " + (next + 1) + " was not recorded: " + HEX.formatHex(command));
    var expected = exchanges.get(next);
    if (!java.util.Arrays.equals(expected.command(), command)) {
      throw new AssertionError(name + ": command " + (next + 1) + " differs from the recording\n  recorded " + HEX.formatHex(expected.command())
          + "\n  sent     " + HEX.formatHex(command));
    }
    next++;
    return expected.response().clone();
  }

  /** Every recorded exchange was replayed. */
  synchronized boolean finished() {
    return next == exchanges.size();
  }

  @Override
  public String reader() {
    return "replay of " + name;
  }

  @Override
  public byte[] atr() {
    return MyNumberCard.ATR.clone();
  }

  @Override
  public CardTransport transport() {
    return this;
  }

  @Override
  public void release() {}

  @Override
  public void holdExclusively(java.time.Duration limit) {
    // A recording has no other connection to keep out.
  }
}
