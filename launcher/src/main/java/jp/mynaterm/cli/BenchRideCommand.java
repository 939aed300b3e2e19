package jp.mynaterm.cli;

import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.members.MemberIndex;
import jp.mynaterm.agent.taxi.ShiftFile;
import jp.mynaterm.agent.taxi.Tap;
import jp.mynaterm.agent.taxi.VehicleReader;
import jp.mynaterm.agent.usage.AgentRecorder;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.GpioSettings;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.hardware.PeripheralHealth;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.transport.RecordingTransport;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.hardware.gpio.GpioPanel;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.Serials;
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
final class BenchRideCommand implements Callable<Integer> {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  @Option(names = "--taps", description = "Measured taps (default: ${DEFAULT-VALUE}).", defaultValue = "30")
  int taps;

  @Option(names = "--riders", description = "Riders in the allow-list (default: ${DEFAULT-VALUE}).", defaultValue = "100000")
  int riderCount;

  @Option(names = "--revoked", description = "Revoked serials (default: ${DEFAULT-VALUE}).", defaultValue = "1000000")
  int revokedCount;

  @Override
  public Integer call() throws Exception {
    if (taps < 1 || riderCount < 1 || revokedCount < 0) throw new CommandFailure(ExitCodes.USAGE, "--taps and --riders must be positive, --revoked not negative");
    VirtualCardPki pki = VirtualCardPki.openOrCreate(CardCommand.defaultPkiDir());
    VirtualMyNumberCard virtual = VirtualMyNumberCard.forResident(pki, Resident.find("1").orElseThrow(), "1234");
    CardIds cardIds = CardIds.development();
    Random random = new Random(7);

    MemberIndex riders = new MemberIndex();
    List<AllowEntry> entries = new ArrayList<>(riderCount);
    entries.add(new AllowEntry(cardIds.derive(virtual.material().userAuth()), "R-BENCH", "senior", MemberStatus.ACTIVE));
    for (int i = 1; i < riderCount; i++) entries.add(new AllowEntry(randomCardId(random), "R-" + i, i % 3 == 0 ? "child" : "adult", MemberStatus.ACTIVE));
    riders.replace(entries, 1);
    RevocationStore revoked = new RevocationStore();
    List<String> serials = new ArrayList<>(revokedCount);
    for (int i = 0; i < revokedCount; i++) serials.add(Serials.toHex(BigInteger.valueOf(random.nextLong() >>> 1)));
    revoked.replaceAll(serials);
    serials = null;

    VirtualCardInPcscd inReader = BenchTapCommand.inReader(virtual, "bench ride");
    Path dir = Files.createTempDirectory("mynaterm-bench-ride-");
    try (inReader;
        Agent agent = Agent.start(offlineTaxi(dir), Launch.version());
        GpioPanel panel = GpioPanel.open(GpioSettings.DEFAULT, new PeripheralHealth())) {
      TaxiConfig config = (TaxiConfig) agent.config();
      VehicleReader reader = new VehicleReader(config.taxi(), riders, revoked::isRevoked, new AgentRecorder(agent), panel, panel,
          Optional::empty, new ShiftFile(dir.resolve("shift.json")), Clock.systemUTC(), ZoneId.systemDefault());
      // As the terminal does: the verifier checks chain and validity, the reader checks revocation.
      HolderAuthentication auth = new HolderAuthentication(
          new CardVerifier(new TrustAnchors(List.of(pki.rootCertificate())), new RevocationStore(), cardIds, Clock.systemUTC()));
      AtomicReference<RecordingTransport> recorder = new AtomicReference<>();
      MyNumberCard card = BenchTapCommand.connectRecording(recorder);
      RecordingTransport channel = recorder.get();
      Percentiles ride = new Percentiles(taps);
      Percentiles bare = new Percentiles(taps);
      int apdus = 0;
      for (int i = -3; i < taps; i++) { // three warm-up taps
        BenchTapCommand.commands(channel);
        long t = System.nanoTime();
        VehicleReader.TapResult result = reader.tap(Tap.read(auth, card));
        long flow = System.nanoTime() - t;
        if (!(result instanceof VehicleReader.TapResult.Boarded)) {
          throw new CommandFailure(ExitCodes.FAILURE, "the bench rider was not boarded: " + result);
        }
        reader.idle();
        List<byte[]> sent = BenchTapCommand.commands(channel);
        long replayed = BenchTapCommand.replay(channel, sent);
        if (i >= 0) {
          ride.add(flow);
          bare.add(replayed);
          apdus = sent.size();
        }
      }
      card.disconnect();
      System.out.printf("vehicle reader: %,d riders in the allow-list, %,d revoked serials, outbox %s (%d rides waiting, hub unreachable)%n",
          riders.size(), revoked.size(), agent.outbox().file(), agent.outbox().depth());
      System.out.printf("tap -> boarded (certificate read, CardId, revocation, allow-list, RideBoarded committed, lights): p50 %.1f ms p99 %.1f ms%n",
          ride.millis(50), ride.millis(99));
      System.out.printf("  bare APDUs of the same %d commands: p50 %.1f ms p99 %.1f ms%n", apdus, bare.millis(50), bare.millis(99));
      System.out.printf("ride taps=%d p50_ms=%.1f p99_ms=%.1f apdu_p50_ms=%.1f overhead_ratio=%.2f%n",
          taps, ride.millis(50), ride.millis(99), bare.millis(50), ride.millis(50) / bare.millis(50));
    } finally {
      BenchHub.deleteTree(dir);
    }
    return ExitCodes.OK;
  }

  /** The example taxi configuration with its data in {@code dir} and a hub that is not there (the outbox keeps every ride). */
  private static TaxiConfig offlineTaxi(Path dir) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
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
