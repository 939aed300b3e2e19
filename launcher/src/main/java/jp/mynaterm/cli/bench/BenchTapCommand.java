package jp.mynaterm.cli.bench;

import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "tap",
    mixinStandardHelpOptions = true,
    description = {
      "Card taps over pcscd + vpcd against bare APDU exchanges and against the whole-certificate read.",
      "Each round times a flow through the card code, then the same APDUs sent bare on the same card;",
      "full_read_ratio is the tap's p50 over the p50 of reading both certificates whole (and checking the chain) in the same run."
    })
final class BenchTapCommand extends Benchmark {
  private static final String PIN = "1234";

  @Option(names = "--rounds", description = "Measured rounds of each flow (default: ${DEFAULT-VALUE}).", defaultValue = "30")
  int rounds;

  @Option(names = "--revoked", description = "Random revoked serials in the store checked on each tap (default: ${DEFAULT-VALUE}).", defaultValue = "100000")
  int revokedSerials;

  @Override
  ResultLine measure() throws Exception {
    if (rounds < 1) throw new CommandFailure(ExitCodes.USAGE, "--rounds must be positive");
    VirtualCardPki pki = VirtualCardPki.openOrCreate(Launch.virtualCardPki());
    VirtualMyNumberCard virtual = VirtualMyNumberCard.forResident(pki, Resident.find("1").orElseThrow(), PIN);
    VirtualCardInPcscd inReader = VirtualCardBench.inReader(virtual, 0, "bench tap");
    try (inReader) {
      VirtualCardBench.Recorded card = VirtualCardBench.connectRecording();
      RevocationStore store = new RevocationStore();
      store.replaceAll(VirtualCardBench.randomSerials(new Random(7), revokedSerials));
      HolderAuthentication auth = new HolderAuthentication(
          new CardVerifier(new TrustAnchors(List.of(pki.rootCertificate())), store, CardIds.development(), Clock.systemUTC()));

      AtomicInteger tapApdus = new AtomicInteger();
      AtomicInteger fullApdus = new AtomicInteger();
      AtomicInteger pinApdus = new AtomicInteger();
      Rounds timed = Rounds.run(rounds, r -> {
        card.forget();
        expectAuthenticated(r.time("tap", () -> auth.checkTap(card.card())));
        r.add("tap bare", card.replayBare());
        tapApdus.set(card.replayedCommands());
        // The baseline: the whole certificates and their chain, as a tap read them before.
        expectAuthenticated(r.time("full read", () -> auth.checkPresent(card.card())));
        r.add("full read bare", card.replayBare());
        fullApdus.set(card.replayedCommands());
        expectAuthenticated(r.time("auth", () -> auth.authenticate(card.card(), PIN.toCharArray())));
        r.add("auth bare", card.replayBare());
        pinApdus.set(card.replayedCommands());
      });
      card.disconnect();
      Percentiles tap = timed.of("tap");
      Percentiles tapBare = timed.of("tap bare");
      Percentiles full = timed.of("full read");
      Percentiles pin = timed.of("auth");
      Percentiles pinBare = timed.of("auth bare");
      System.out.printf("virtual card: %d commands answered through vpcd%n", inReader.card().commandCount());
      System.out.printf("tap (card present -> certificate head read -> CardId -> revocation checked, %d revoked serials): %d APDUs, p50 %.1f ms p99 %.1f ms%n",
          store.size(), tapApdus.get(), tap.millis(50), tap.millis(99));
      System.out.printf("  bare APDUs of the same %d commands: p50 %.1f ms p99 %.1f ms%n", tapApdus.get(), tapBare.millis(50), tapBare.millis(99));
      System.out.printf("full read (both certificates whole -> chain checked): %d APDUs, p50 %.1f ms p99 %.1f ms; the tap takes %.2f of it%n",
          fullApdus.get(), full.millis(50), full.millis(99), tap.millis(50) / full.millis(50));
      System.out.printf("auth (PIN -> signed challenge -> verified): p50 %.1f ms p99 %.1f ms%n", pin.millis(50), pin.millis(99));
      System.out.printf("  bare APDUs of the same %d commands: p50 %.1f ms p99 %.1f ms; overhead ratio %.2f%n",
          pinApdus.get(), pinBare.millis(50), pinBare.millis(99), pin.millis(50) / pinBare.millis(50));
      return ResultLine.of("tap").count("rounds", rounds).latency(tap).count("apdus_per_tap", tapApdus.get())
          .figure("full_read_ratio", tap.millis(50) / full.millis(50), 2).figure("apdu_p50_ms", tapBare.millis(50), 1)
          .figure("overhead_ratio", tap.millis(50) / tapBare.millis(50), 2);
    }
  }

  private static void expectAuthenticated(HolderAuthentication.Outcome o) {
    if (!(o instanceof HolderAuthentication.Outcome.Authenticated)) {
      throw new CommandFailure(ExitCodes.FAILURE, "the virtual card did not authenticate: " + o);
    }
  }
}
