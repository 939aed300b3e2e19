package jp.mynaterm.cli.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.members.MemberIndex;
import jp.mynaterm.agent.taxi.RideDecider;
import jp.mynaterm.agent.taxi.ShiftStore;
import jp.mynaterm.agent.taxi.Tap;
import jp.mynaterm.agent.usage.AgentRecorder;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.GpioSettings;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.hardware.gpio.GpioPanel;
import jp.mynaterm.hardware.health.PeripheralHealth;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "ride",
    mixinStandardHelpOptions = true,
    description = {
      "Taxi taps through pcscd + vpcd on a vehicle reader with a 100,000-rider allow-list and 1,000,000 revoked serials.",
      "Each tap (certificate read, CardId, revocation and allow-list checked, ride committed to the outbox, lights)",
      "is timed against the same APDUs sent bare on the same card in the same round."
    })
final class BenchRideCommand extends Benchmark {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  @Option(names = "--taps", description = "Measured taps (default: ${DEFAULT-VALUE}).", defaultValue = "30")
  int taps;

  @Option(names = "--riders", description = "Riders in the allow-list (default: ${DEFAULT-VALUE}).", defaultValue = "100000")
  int riderCount;

  @Option(names = "--revoked", description = "Revoked serials (default: ${DEFAULT-VALUE}).", defaultValue = "1000000")
  int revokedCount;

  @Override
  ResultLine measure() throws Exception {
    if (taps < 1 || riderCount < 1 || revokedCount < 0) throw new CommandFailure(ExitCodes.USAGE, "--taps and --riders must be positive, --revoked not negative");
    VirtualCardPki pki = VirtualCardPki.openOrCreate(Launch.virtualCardPki());
    VirtualMyNumberCard virtual = VirtualMyNumberCard.forResident(pki, Resident.find("1").orElseThrow(), "1234");
    CardIds cardIds = CardIds.development();
    Random random = new Random(7);

    MemberIndex riders = new MemberIndex();
    List<AllowEntry> entries = new ArrayList<>(riderCount);
    entries.add(new AllowEntry(cardIds.derive(virtual.material().userAuth()), "R-BENCH", "senior", MemberStatus.ACTIVE));
    for (int i = 1; i < riderCount; i++) entries.add(new AllowEntry(randomCardId(random), "R-" + i, i % 3 == 0 ? "child" : "adult", MemberStatus.ACTIVE));
    riders.replace(entries, 1);
    RevocationStore revoked = new RevocationStore();
    revoked.replaceAll(VirtualCardBench.randomSerials(random, revokedCount));

    VirtualCardInPcscd inReader = VirtualCardBench.inReader(virtual, 0, "bench ride");
    try (inReader;
        Scratch dir = Scratch.create("ride");
        Agent agent = Agent.start(offlineTaxi(dir.dir()), Launch.version());
        GpioPanel panel = GpioPanel.open(GpioSettings.DEFAULT, new PeripheralHealth())) {
      TaxiConfig config = (TaxiConfig) agent.config();
      // One card taps again and again: each tap a boarding, so no repeat-boarding window.
      var t = config.taxi();
      var everyTapRides = new jp.mynaterm.config.TaxiSettings(t.vehicle(), t.fares(), t.requirePin(), t.gpsd(), t.alightingTap(), java.time.Duration.ZERO, t.stops(), t.stopRadiusM());
      RideDecider reader = RideDecider.builder(everyTapRides).riders(riders).revoked(revoked::isRevoked).recorder(new AgentRecorder(agent))
          .signals(panel, panel).shifts(new ShiftStore(agent.outbox(), agent::record)).build();
      // As the terminal does: the verifier checks chain and validity, the decider checks revocation.
      HolderAuthentication auth = new HolderAuthentication(
          new CardVerifier(new TrustAnchors(List.of(pki.rootCertificate())), new RevocationStore(), cardIds, Clock.systemUTC()));
      VirtualCardBench.Recorded card = VirtualCardBench.connectRecording();
      Rounds timed = Rounds.run(taps, r -> {
        card.forget();
        RideDecider.TapResult result = r.time("ride", () -> reader.tap(Tap.read(auth, card.card())));
        if (!(result instanceof RideDecider.TapResult.Boarded)) {
          throw new CommandFailure(ExitCodes.FAILURE, "the bench rider was not boarded: " + result);
        }
        reader.idle();
        r.add("bare", card.replayBare());
      });
      card.disconnect();
      Percentiles ride = timed.of("ride");
      Percentiles bare = timed.of("bare");
      System.out.printf("vehicle reader: %,d riders in the allow-list, %,d revoked serials, outbox %s (%d rides waiting, hub unreachable)%n",
          riders.size(), revoked.size(), agent.outbox().file(), agent.outbox().depth());
      System.out.printf("tap -> boarded (certificate read, CardId, revocation, allow-list, RideBoarded committed, lights): p50 %.1f ms p99 %.1f ms%n",
          ride.millis(50), ride.millis(99));
      System.out.printf("  bare APDUs of the same %d commands: p50 %.1f ms p99 %.1f ms%n", card.replayedCommands(), bare.millis(50), bare.millis(99));
      return ResultLine.of("ride").count("taps", taps).latency(ride).figure("apdu_p50_ms", bare.millis(50), 1)
          .figure("overhead_ratio", ride.millis(50) / bare.millis(50), 2);
    }
  }

  /** The example taxi configuration with its data in {@code dir} and a hub that is not there (the outbox keeps every ride). */
  private static TaxiConfig offlineTaxi(Path dir) throws Exception {
    int closedPort = Scratch.freePort();
    ConfigLoader loader = Launch.loaderWith(Map.of(
        ConfigLoader.envName("terminal.dataDir"), dir.toString(),
        ConfigLoader.envName("mqtt.url"), "tcp://127.0.0.1:" + closedPort,
        ConfigLoader.envName("development"), "true")); // offline on purpose, with the virtual cards
    return loader.load(Launch.home().resolve("config/examples/taxi.yaml"), TaxiConfig.class);
  }

  private static CardId randomCardId(Random random) {
    char[] c = new char[26];
    for (int i = 0; i < c.length; i++) c[i] = BASE32.charAt(random.nextInt(32));
    return new CardId(new String(c));
  }
}
