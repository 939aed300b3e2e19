package jp.mynaterm.cli.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.Serials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "revocation",
    mixinStandardHelpOptions = true,
    description = {
      "Revocation store: load 1,000,000 serials, look up present and absent ones.",
      "Baseline in the same run: a HashSet<BigInteger> of the same serials."
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
    List<String> hex = VirtualCardBench.randomSerials(random, serials);
    List<BigInteger> present = new ArrayList<>();
    for (int i = 0; i < lookups / 2; i++) present.add(Serials.parseHex(hex.get(random.nextInt(serials))));
    Set<String> listed = new HashSet<>(hex);
    List<BigInteger> absent = new ArrayList<>();
    while (absent.size() < lookups / 2) {
      long candidate = random.nextLong() >>> 1; // same range as the listed ones
      if (!listed.contains(Long.toHexString(candidate))) absent.add(BigInteger.valueOf(candidate));
    }
    listed = null;

    // Warm both loaders up on a tenth of the list so neither is measured while being compiled.
    new RevocationStore().replaceAll(hex.subList(0, serials / 10));
    new HashSet<>(hex.subList(0, serials / 10).stream().map(Serials::parseHex).toList());

    long t0 = System.nanoTime();
    RevocationStore store = new RevocationStore();
    store.replaceAll(hex);
    double loadS = (System.nanoTime() - t0) / 1e9;

    t0 = System.nanoTime();
    Set<BigInteger> baseline = new HashSet<>(serials * 2);
    for (String s : hex) baseline.add(Serials.parseHex(s));
    double baselineLoadS = (System.nanoTime() - t0) / 1e9;

    // Each round looks up one present and one absent serial in the store and in the baseline.
    AtomicInteger hits = new AtomicInteger();
    Rounds timed = Rounds.run(WARM_UP_ROUNDS, present.size(), r -> {
      int i = Math.floorMod(r.number(), present.size());
      BigInteger in = present.get(i);
      BigInteger out = absent.get(i);
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
    System.out.printf("load: store %.3f s, baseline HashSet<BigInteger> %.3f s (%d serials, %d distinct)%n", loadS, baselineLoadS, serials, store.size());
    System.out.printf("lookup present: store p50 %.3f us p99 %.3f us; baseline p50 %.3f us p99 %.3f us%n",
        storePresent.micros(50), storePresent.micros(99), basePresent.micros(50), basePresent.micros(99));
    System.out.printf("lookup absent:  store p50 %.3f us p99 %.3f us; baseline p50 %.3f us p99 %.3f us%n",
        storeAbsent.micros(50), storeAbsent.micros(99), baseAbsent.micros(50), baseAbsent.micros(99));
    System.out.printf("memory: store about %d MB for the serials (8 bytes each); heap in use now %d MB%n",
        store.size() * 8L / (1 << 20), (rt.totalMemory() - rt.freeMemory()) >> 20);
    double p99 = Math.max(storePresent.micros(99), storeAbsent.micros(99));
    return ResultLine.of("revocation").count("serials", serials).figure("load_s", loadS, 3).figure("lookup_p99_us", p99, 3);
  }
}
