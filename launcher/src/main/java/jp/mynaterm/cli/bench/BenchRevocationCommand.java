package jp.mynaterm.cli.bench;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.agent.downlink.Applied;
import jp.mynaterm.agent.downlink.DownlinkStore;
import jp.mynaterm.agent.trust.CardTrust;
import jp.mynaterm.protocol.card.CertificateKey;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.message.RevocationDelta;
import jp.mynaterm.protocol.message.RevocationSnapshot;
import jp.mynaterm.protocol.card.Serials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "revocation",
    mixinStandardHelpOptions = true,
    description = {
      "Revocation store: load 1,000,000 serials, look up present and absent ones.",
      "Baseline in the same run: a HashSet<CertificateKey> (issuer and serial) of the same entries.",
      "Then the terminal's side: the same list as a chunked snapshot into its downlink store (SQLite) and",
      "memory, and a 10,000-entry delta on top of it."
    })
final class BenchRevocationCommand extends Benchmark {
  @Option(names = "--serials", description = "Revoked serials to load (default: ${DEFAULT-VALUE}).", defaultValue = "1000000")
  int serials;

  @Option(names = "--lookups", description = "Lookups, half present, half absent (default: ${DEFAULT-VALUE}).", defaultValue = "1000000")
  int lookups;

  /** Rounds of lookups before the measured ones, so the JIT has compiled both paths. */
  private static final int WARM_UP_ROUNDS = 200_000;

  @Override
  ResultLine measure() throws Exception {
    if (serials < 1 || lookups < 2) throw new CommandFailure(ExitCodes.USAGE, "--serials and --lookups must be positive");
    Random random = new Random(20261125);
    // Serials as the user-auth certificates have them: positive, up to 63 bits, sent as lowercase hex.
    // Entries as the hub sends them: one CA's issuer key and the serial.
    List<String> serialHex = VirtualCardBench.randomSerials(random, serials);
    List<String> hex = serialHex.stream().map(s -> ISSUER + "/" + s).toList();
    List<BigInteger> present = new ArrayList<>();
    for (int i = 0; i < lookups / 2; i++) present.add(Serials.parseHex(serialHex.get(random.nextInt(serials))));
    Set<String> listed = new HashSet<>(serialHex);
    List<BigInteger> absent = new ArrayList<>();
    while (absent.size() < lookups / 2) {
      long candidate = random.nextLong() >>> 1; // same range as the listed ones
      if (!listed.contains(Long.toHexString(candidate))) absent.add(BigInteger.valueOf(candidate));
    }
    listed = null;
    serialHex = null;

    // Warm both loaders up on a tenth of the list so neither is measured while being compiled.
    new RevocationStore().replaceAll(hex.subList(0, serials / 10));
    new HashSet<>(hex.subList(0, serials / 10).stream().map(CertificateKey::parse).toList());

    long t0 = System.nanoTime();
    RevocationStore store = new RevocationStore();
    store.replaceAll(hex);
    double loadS = (System.nanoTime() - t0) / 1e9;

    t0 = System.nanoTime();
    Set<CertificateKey> baseline = new HashSet<>(serials * 2);
    for (String s : hex) baseline.add(CertificateKey.parse(s));
    double baselineLoadS = (System.nanoTime() - t0) / 1e9;

    // Each round looks up one present and one absent serial in the store and in the baseline.
    AtomicInteger hits = new AtomicInteger();
    Rounds timed = Rounds.run(WARM_UP_ROUNDS, present.size(), r -> {
      int i = Math.floorMod(r.number(), present.size());
      CertificateKey in = new CertificateKey(ISSUER, present.get(i));
      CertificateKey out = new CertificateKey(ISSUER, absent.get(i));
      if (r.time("store present", () -> store.isRevoked(in))) hits.incrementAndGet();
      if (r.time("baseline present", () -> baseline.contains(in))) hits.incrementAndGet();
      if (r.time("store absent", () -> store.isRevoked(out))) hits.incrementAndGet();
      if (r.time("baseline absent", () -> baseline.contains(out))) hits.incrementAndGet();
    });
    if (hits.get() != 2 * (WARM_UP_ROUNDS + present.size())) throw new CommandFailure(ExitCodes.FAILURE, "lookups disagree: " + hits + " hits");
    Percentiles storePresent = timed.of("store present");
    Percentiles storeAbsent = timed.of("store absent");
    Percentiles basePresent = timed.of("baseline present");
    Percentiles baseAbsent = timed.of("baseline absent");

    Runtime rt = Runtime.getRuntime();
    System.out.printf("load: store %.3f s, baseline HashSet<CertificateKey> %.3f s (%d serials, %d distinct)%n", loadS, baselineLoadS, serials, store.size());
    System.out.printf("lookup present: store p50 %.3f us p99 %.3f us; baseline p50 %.3f us p99 %.3f us%n",
        storePresent.micros(50), storePresent.micros(99), basePresent.micros(50), basePresent.micros(99));
    System.out.printf("lookup absent:  store p50 %.3f us p99 %.3f us; baseline p50 %.3f us p99 %.3f us%n",
        storeAbsent.micros(50), storeAbsent.micros(99), baseAbsent.micros(50), baseAbsent.micros(99));
    System.out.printf("memory: store about %d MB for the serials (8 bytes each); heap in use now %d MB%n",
        store.size() * 8L / (1 << 20), (rt.totalMemory() - rt.freeMemory()) >> 20);
    double p99 = Math.max(storePresent.micros(99), storeAbsent.micros(99));
    TerminalApply terminal = applyOnTerminal(hex, random);
    System.out.printf("terminal: snapshot of %d serials in %d chunks stored and in memory in %.3f s; delta of %d entries in %.1f ms%n",
        serials, terminal.chunks, terminal.snapshotS, DELTA_ENTRIES, terminal.deltaMs);
    return ResultLine.of("revocation")
        .count("serials", serials)
        .figure("load_s", loadS, 3)
        .figure("lookup_p99_us", p99, 3)
        .figure("snapshot_apply_s", terminal.snapshotS, 3)
        .figure("delta_apply_ms", terminal.deltaMs, 1)
        .failIf(terminal.lost);
  }

  /** The issuer key of the one CA the bench's entries come from. */
  private static final String ISSUER = CertificateKey.issuerKey(new javax.security.auth.x500.X500Principal("CN=bench user-auth CA,C=JP"));

  /** Entries in the delta applied after the snapshot. */
  private static final int DELTA_ENTRIES = 10_000;

  /** Serials per snapshot chunk, as the hub sends them. */
  private static final int SERIALS_PER_CHUNK = 5000;

  private record TerminalApply(int chunks, double snapshotS, double deltaMs, boolean lost) {}

  /**
   * The list as a terminal receives it: chunks into its downlink store until the last one replaces the
   * list, and the in-memory lookup the taps use rebuilt from it; then one delta on top.
   */
  private static TerminalApply applyOnTerminal(List<String> hex, Random random) throws Exception {
    Path dir = Files.createTempDirectory("mynaterm-bench-revocation");
    try (DownlinkStore downlink = DownlinkStore.open(dir.resolve("downlink.db"))) {
      RevocationStore memory = CardTrust.followRevocations(downlink);
      List<RevocationSnapshot> chunks = new ArrayList<>();
      int count = Math.max(1, (hex.size() + SERIALS_PER_CHUNK - 1) / SERIALS_PER_CHUNK);
      for (int i = 0; i < count; i++) {
        chunks.add(new RevocationSnapshot(1, i + 1, count, hex.subList(i * SERIALS_PER_CHUNK, Math.min(hex.size(), (i + 1) * SERIALS_PER_CHUNK))));
      }
      long t0 = System.nanoTime();
      Applied last = null;
      for (RevocationSnapshot c : chunks) last = downlink.apply(c);
      double snapshotS = (System.nanoTime() - t0) / 1e9;
      int afterSnapshot = memory.size();

      List<String> added = VirtualCardBench.randomSerials(random, DELTA_ENTRIES).stream().map(s -> ISSUER + "/" + s).toList();
      t0 = System.nanoTime();
      Applied delta = downlink.apply(new RevocationDelta(1, 2, added, List.of()));
      double deltaMs = (System.nanoTime() - t0) / 1e6;
      boolean lost = !(last instanceof Applied.Changed) || !(delta instanceof Applied.Changed)
          || afterSnapshot != new HashSet<>(hex).size() || memory.size() < afterSnapshot + DELTA_ENTRIES / 2;
      if (lost) System.out.printf("terminal: the list did not arrive whole (%s, %s, %d in memory)%n", last, delta, memory.size());
      return new TerminalApply(count, snapshotS, deltaMs, lost);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
