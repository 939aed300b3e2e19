package jp.mynaterm.cli.bench;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.pcsc.Readers;
import jp.mynaterm.hardware.card.transport.RecordingTransport;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.Serials;
import jp.mynaterm.protocol.card.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "tap",
    mixinStandardHelpOptions = true,
    description = {
      "Card taps over pcscd + vpcd against bare APDU exchanges.",
      "Each round times a flow through the card code, then the same APDUs sent bare on the same card."
    })
final class BenchTapCommand implements Callable<Integer> {
  private static final String PIN = "1234";

  @Option(names = "--rounds", description = "Measured rounds of each flow (default: ${DEFAULT-VALUE}).", defaultValue = "30")
  int rounds;

  @Option(names = "--revoked", description = "Random revoked serials in the store checked on each tap (default: ${DEFAULT-VALUE}).", defaultValue = "100000")
  int revokedSerials;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1) throw new CommandFailure(ExitCodes.USAGE, "--rounds must be positive");
    VirtualCardPki pki = VirtualCardPki.openOrCreate(Launch.virtualCardPki());
    VirtualMyNumberCard virtual = VirtualMyNumberCard.forResident(pki, Resident.find("1").orElseThrow(), PIN);
    VirtualCardInPcscd inReader = inReader(virtual, "bench tap");
    try (inReader) {
      AtomicReference<RecordingTransport> recorder = new AtomicReference<>();
      MyNumberCard card = connectRecording(recorder);
      RevocationStore store = new RevocationStore();
      Random random = new Random(7);
      List<String> serials = new ArrayList<>(revokedSerials);
      for (int i = 0; i < revokedSerials; i++) serials.add(Serials.toHex(BigInteger.valueOf(random.nextLong() >>> 1)));
      store.replaceAll(serials);
      HolderAuthentication auth = new HolderAuthentication(
          new CardVerifier(new TrustAnchors(List.of(pki.rootCertificate())), store, CardIds.development(), Clock.systemUTC()));
      RecordingTransport channel = recorder.get();

      Percentiles tap = new Percentiles(rounds);
      Percentiles tapBare = new Percentiles(rounds);
      Percentiles pin = new Percentiles(rounds);
      Percentiles pinBare = new Percentiles(rounds);
      int tapApdus = 0;
      int pinApdus = 0;
      for (int i = -3; i < rounds; i++) { // three warm-up rounds
        boolean measured = i >= 0;
        channel.drain();
        long t = System.nanoTime();
        expectAuthenticated(auth.checkPresent(card));
        long flow = System.nanoTime() - t;
        List<byte[]> sent = commands(channel);
        long bare = replay(channel, sent);
        if (measured) {
          tap.add(flow);
          tapBare.add(bare);
          tapApdus = sent.size();
        }
        t = System.nanoTime();
        expectAuthenticated(auth.authenticate(card, PIN.toCharArray()));
        flow = System.nanoTime() - t;
        sent = commands(channel);
        bare = replay(channel, sent);
        if (measured) {
          pin.add(flow);
          pinBare.add(bare);
          pinApdus = sent.size();
        }
      }
      card.disconnect();
      System.out.printf("virtual card: %d commands answered through vpcd%n", inReader.card().commandCount());
      System.out.printf("tap (card present -> certificate read -> CardId -> revocation checked, %d revoked serials): p50 %.1f ms p99 %.1f ms%n",
          store.size(), tap.millis(50), tap.millis(99));
      System.out.printf("  bare APDUs of the same %d commands: p50 %.1f ms p99 %.1f ms%n", tapApdus, tapBare.millis(50), tapBare.millis(99));
      System.out.printf("auth (PIN -> signed challenge -> verified): p50 %.1f ms p99 %.1f ms%n", pin.millis(50), pin.millis(99));
      System.out.printf("  bare APDUs of the same %d commands: p50 %.1f ms p99 %.1f ms; overhead ratio %.2f%n",
          pinApdus, pinBare.millis(50), pinBare.millis(99), pin.millis(50) / pinBare.millis(50));
      System.out.printf("tap rounds=%d p50_ms=%.1f p99_ms=%.1f apdu_p50_ms=%.1f overhead_ratio=%.2f%n",
          rounds, tap.millis(50), tap.millis(99), tapBare.millis(50), tap.millis(50) / tapBare.millis(50));
    }
    return ExitCodes.OK;
  }

  /** The virtual card in pcscd's vpcd reader, or the benchmark fails saying why not. */
  static VirtualCardInPcscd inReader(VirtualMyNumberCard virtual, String bench) {
    return inReader(virtual, 0, bench);
  }

  /** As {@link #inReader(VirtualMyNumberCard, String)}, in vpcd's slot 0 or 1. */
  static VirtualCardInPcscd inReader(VirtualMyNumberCard virtual, int slot, String bench) {
    return switch (VirtualCardInPcscd.open(virtual, slot, Duration.ofSeconds(10))) {
      case VirtualCardInPcscd.Opening.Ready r -> r.card();
      case VirtualCardInPcscd.Opening.Unavailable u -> throw new CommandFailure(ExitCodes.FAILURE,
          bench + " needs pcscd with vsmartcard-vpcd and a free vpcd reader: " + u.reason());
    };
  }

  /** The card in the vpcd reader, every exchange recorded so the benchmark can replay the commands bare. */
  static MyNumberCard connectRecording(AtomicReference<RecordingTransport> recorder) {
    var r = Readers.ofThisJvm().connect(PcscDaemon.VPCD_READER)
        .map(c -> new MyNumberCard(c.withTransport(t -> {
          RecordingTransport rt = new RecordingTransport(t);
          recorder.set(rt);
          return rt;
        })));
    return switch (r) {
      case CardResult.Ok<MyNumberCard> ok -> ok.value();
      case CardResult.Failed<MyNumberCard> f -> throw new CommandFailure(ExitCodes.FAILURE, "cannot connect to the virtual card: " + f.problem().describe());
    };
  }

  private static void expectAuthenticated(HolderAuthentication.Outcome o) {
    if (!(o instanceof HolderAuthentication.Outcome.Authenticated)) {
      throw new CommandFailure(ExitCodes.FAILURE, "the virtual card did not authenticate: " + o);
    }
  }

  /** The commands sent since the last call. */
  static List<byte[]> commands(RecordingTransport recorder) {
    return recorder.drain().stream().map(RecordingTransport.Exchange::command).toList();
  }

  /** Sends the commands bare on the card's transport (no guard, no APDU handling); the time for all of them. */
  static long replay(RecordingTransport recorder, List<byte[]> commands) throws Exception {
    long t = System.nanoTime();
    for (byte[] c : commands) recorder.bare().transmit(c, MyNumberCard.DEFAULT_TIMEOUT);
    return System.nanoTime() - t;
  }
}
