package jp.mynaterm.cli.bench;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.pcsc.Readers;
import jp.mynaterm.hardware.card.transport.RecordingTransport;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.Serials;

/**
 * What the card benchmarks share: the virtual card in pcscd's vpcd reader, and their baseline — the
 * commands a flow sent to the card, recorded, then sent again bare on the same card in the same round.
 */
final class VirtualCardBench {
  private VirtualCardBench() {}

  /** The virtual card in vpcd's slot 0 or 1, or the benchmark fails saying why not. */
  static VirtualCardInPcscd inReader(VirtualMyNumberCard virtual, int slot, String bench) {
    return switch (VirtualCardInPcscd.open(virtual, slot, Duration.ofSeconds(10))) {
      case VirtualCardInPcscd.Opening.Ready r -> r.card();
      case VirtualCardInPcscd.Opening.Unavailable u -> throw new CommandFailure(ExitCodes.FAILURE,
          bench + " needs pcscd with vsmartcard-vpcd and a free vpcd reader: " + u.reason());
    };
  }

  /** The card in the vpcd reader (slot 0), every exchange recorded so the round can replay the commands bare. */
  static Recorded connectRecording() {
    AtomicReference<RecordingTransport> recorder = new AtomicReference<>();
    var r = Readers.ofThisJvm().connect(PcscDaemon.VPCD_READER)
        .map(c -> new MyNumberCard(c.withTransport(t -> {
          RecordingTransport rt = new RecordingTransport(t);
          recorder.set(rt);
          return rt;
        })));
    return switch (r) {
      case CardResult.Ok<MyNumberCard> ok -> new Recorded(ok.value(), recorder.get());
      case CardResult.Failed<MyNumberCard> f -> throw new CommandFailure(ExitCodes.FAILURE, "cannot connect to the virtual card: " + f.problem().describe());
    };
  }

  /** {@code count} random serials as user-auth certificates have them (positive, up to 63 bits), in lowercase hex. */
  static List<String> randomSerials(Random random, int count) {
    List<String> serials = new ArrayList<>(count);
    for (int i = 0; i < count; i++) serials.add(Serials.toHex(BigInteger.valueOf(random.nextLong() >>> 1)));
    return serials;
  }

  /** A connected card whose exchanges are recorded. */
  static final class Recorded {
    private final MyNumberCard card;
    private final RecordingTransport channel;
    private int replayed;

    private Recorded(MyNumberCard card, RecordingTransport channel) {
      this.card = card;
      this.channel = channel;
    }

    MyNumberCard card() {
      return card;
    }

    /** Forgets what was sent so far: the next replay sends only what the flow sends from now on. */
    void forget() {
      channel.drain();
    }

    /** Sends the commands sent since the last {@link #forget} or replay bare on the card's transport (no guard, no APDU handling); the time for all of them. */
    long replayBare() throws Exception {
      List<byte[]> commands = channel.drain().stream().map(RecordingTransport.Exchange::command).toList();
      replayed = commands.size();
      long start = System.nanoTime();
      for (byte[] c : commands) channel.bare().transmit(c, MyNumberCard.DEFAULT_TIMEOUT);
      return System.nanoTime() - start;
    }

    /** How many commands the last replay sent. */
    int replayedCommands() {
      return replayed;
    }

    void disconnect() {
      card.disconnect();
    }
  }
}
