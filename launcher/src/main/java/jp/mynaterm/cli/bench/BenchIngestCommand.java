package jp.mynaterm.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventCensus;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.DecodeResult;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.codec.Zlib;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.message.Ack;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Events;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.SeqRange;
import jp.mynaterm.protocol.mqtt.MqttSession;
import jp.mynaterm.protocol.time.TerminalClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Simulated terminals publish events into the hub, against the same rows straight into its event repository (SQLite).")
final class BenchIngestCommand extends Benchmark {
  @Option(names = "--events", defaultValue = "100000", description = "Events in all (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--terminals", defaultValue = "20", description = "Simulated terminals (default: ${DEFAULT-VALUE}).")
  int terminals;

  @Option(names = "--batch", defaultValue = "50", description = "Events per message, as a terminal with a backlog sends them (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--warm-up-rounds", defaultValue = "12", description = "At most this many whole loads over TLS, not measured, until the JIT compilers settle (default: ${DEFAULT-VALUE}).")
  int warmUpRounds;

  /** Messages a simulated terminal keeps unacknowledged by the hub, like an agent's window. */
  private static final int WINDOW = 16;

  @Override
  ResultLine measure() throws Exception {
    if (events < terminals || terminals < 1 || batch < 1 || warmUpRounds < 1) throw new CommandFailure(ExitCodes.USAGE, "need events >= terminals >= 1, batch >= 1 and warm-up rounds >= 1");
    // Each of the three is measured in two halves, in the order plaintext, TLS, raw, raw, TLS,
    // plaintext: a machine whose load drifts during the run (other processes) weighs on all three
    // alike, not on whichever happened to run first. Before any of them, whole loads over TLS warm
    // the JIT up until it settles (warmUp): without them the first TLS half ran while the JIT was still
    // compiling the TLS record path (measured: 119 CPU ms per 1000 events there, 70 in the last TLS
    // half, against 66-81 over plaintext) and TLS/plaintext came out at 0.6 one run and 1.1 the next.
    // Each timed part starts on a collected heap: the raw inserts between the two TLS halves left
    // garbage that the second TLS half paid for in concurrent GC.
    // The same events (ids, content, terminal ids) go over TLS, over plaintext and straight to SQLite.
    List<List<EventRecord>> first = load("bench-a-", events / 2);
    List<List<EventRecord>> second = load("bench-b-", events - events / 2);
    List<List<EventRecord>> hubWarmUp = load("warmup-", Math.min(events, 30_000));
    Run tls1;
    Run tls2;
    Run plain1;
    Run plain2;
    double rawSeconds;
    long lost;
    long duplicated;
    long repeats;
    int rounds;
    try (BenchHub jit = BenchHub.start("ingest-warmup")) {
      rounds = warmUp(jit);
    }
    try (BenchHub plain = BenchHub.startPlaintext("ingest")) {
      run(plain, "warmup-", hubWarmUp);
      plain1 = run(plain, "bench-a-", first);
    }
    try (BenchHub bench = BenchHub.start("ingest"); Scratch raw = Scratch.create("ingest-raw");
        Database db = Database.open(new StorageSettings("jdbc:sqlite:" + raw.resolve("raw.db"), null, null))) {
      System.out.printf("hub on %s, storage %s; %d terminals publish %d events in messages of %d%n", bench.hub.brokerUrl(), bench.hub.storageUrl(), terminals, events, batch);
      // Warm-up of this hub, not measured (its broker and pools fresh); other terminal ids.
      run(bench, "warmup-", hubWarmUp);
      tls1 = run(bench, "bench-a-", first);
      EventRepository repository = new EventRepository(db);
      rawSeconds = rawSqlite(repository, "bench-a-", first) + rawSqlite(repository, "bench-b-", second);
      tls2 = run(bench, "bench-b-", second);
      // Counted by event id and content, not by the storage key (which cannot hold a key twice).
      EventCensus census = bench.hub.events().census("bench-");
      lost = lost(tls1, census) + lost(tls2, census);
      duplicated = census.duplicated();
      repeats = bench.hub.ingest().repeats();
    }
    try (BenchHub plain = BenchHub.startPlaintext("ingest")) {
      run(plain, "warmup-", hubWarmUp);
      plain2 = run(plain, "bench-b-", second);
    }
    double seconds = tls1.seconds() + tls2.seconds();
    double eps = events / seconds;
    System.out.printf("hub ingest: %.0f events/s (%d repeats received and ignored)%n", eps, repeats);
    double rawEps = events / rawSeconds;
    System.out.printf("baseline, the same rows straight into the hub's event repository (SQLite on the same disk, no MQTT): %.0f events/s%n", rawEps);
    double plainEps = events / (plain1.seconds() + plain2.seconds());
    System.out.printf("baseline, the same load on the same hub over a plaintext broker (no TLS): %.0f events/s; TLS/plaintext %.2f (goal >= 0.85)%n", plainEps, eps / plainEps);
    System.out.printf("halves in the order measured, events/s (CPU ms per 1000 events, all threads of this process): plaintext %.0f (%.0f), TLS %.0f (%.0f), TLS %.0f (%.0f), plaintext %.0f (%.0f)%n",
        plain1.eps(), plain1.cpuPerThousand(), tls1.eps(), tls1.cpuPerThousand(), tls2.eps(), tls2.cpuPerThousand(), plain2.eps(), plain2.cpuPerThousand());
    return ResultLine.of("ingest").count("events", events).count("terminals", terminals).figure("seconds", seconds, 2).figure("eps", eps, 0)
        .figure("raw_sqlite_eps", rawEps, 0).figure("raw_ratio", eps / rawEps, 2).count("lost", lost).count("duplicated", duplicated)
        .figure("plain_eps", plainEps, 0).figure("tls_ratio", eps / plainEps, 2)
        .count("warm_up_rounds", rounds).count("jit_ms", tls1.compilerMs() + tls2.compilerMs()).failIf(lost != 0 || duplicated != 0);
  }

  /**
   * Loads over TLS, not measured, until the just-in-time compilers have settled: two rounds in a row in
   * which they spent under a tenth of the round's time (one quiet round may only mean that nothing had
   * reached C2's threshold yet), or {@code --warm-up-rounds}. Why one load was not enough: hub/README.md,
   * section Benchmark. Returns the rounds run.
   */
  private int warmUp(BenchHub hub) throws Exception {
    int quiet = 0;
    for (int round = 1; ; round++) {
      String prefix = "jit" + round + "-";
      // Each round's rows stay in the warm-up hub's file: a round of at most 100,000 keeps it small.
      Run warm = run(hub, prefix, load(prefix, Math.min(events, 100_000)));
      long ms = Math.round(warm.seconds() * 1000);
      quiet = warm.compilerMs() * 10 < ms ? quiet + 1 : 0;
      System.out.printf("warm-up round %d, not measured: %d terminals publish %d events in messages of %d over TLS, %.0f events/s; the JIT compilers spent %d ms of its %d ms%n",
          round, terminals, warm.events(), batch, warm.eps(), warm.compilerMs(), ms);
      if (quiet == 2) {
        System.out.printf("the JIT has settled after %d warm-up rounds%n", round);
        return round;
      }
      if (round >= warmUpRounds) {
        System.out.printf("the JIT has not settled after %d warm-up rounds (--warm-up-rounds): the measured halves still compile, see jit_ms%n", round);
        return round;
      }
    }
  }

  /** The events of a run that the hub does not hold, counted by event id (not by the storage key). */
  private static long lost(Run run, EventCensus census) {
    return run.records().stream().flatMap(List::stream).filter(r -> !census.ids().contains(r.id())).count();
  }

  /**
   * @param cpuSeconds CPU time of this process (hub, broker and terminals together) while the run was
   *     timed: on a machine shared with other work, CPU per event tells the cost apart from the load
   * @param compilerMs what the JIT compilers spent while the run was timed
   */
  private record Run(double seconds, double cpuSeconds, long compilerMs, List<List<EventRecord>> records) {
    double eps() {
      return events() / seconds;
    }

    /** CPU milliseconds per thousand events. */
    double cpuPerThousand() {
      return cpuSeconds * 1e6 / events();
    }

    long events() {
      return records.stream().mapToLong(List::size).sum();
    }
  }

  /** {@code count} events shared out among the terminals {@code prefix}0, 1, …: each terminal's list, seq from 1. */
  private List<List<EventRecord>> load(String prefix, int count) {
    List<List<EventRecord>> all = new ArrayList<>();
    TerminalClock clock = TerminalClock.system();
    for (int t = 0; t < terminals; t++) {
      int mine = count / terminals + (t < count % terminals ? 1 : 0);
      List<EventRecord> records = new ArrayList<>(mine);
      for (int i = 1; i <= mine; i++) records.add(new EventRecord(i, clock.now(), ride(t, i)));
      all.add(records);
    }
    return all;
  }

  /** The terminals {@code prefix}0, 1, … publish their events of {@code allRecords} and wait for every ack. */
  private Run run(BenchHub bench, String prefix, List<List<EventRecord>> allRecords) throws Exception {
    MessageCodec codec = new MessageCodec();
    Topics topics = new Topics(BenchHub.CITY);
    // Payloads are built before the clock starts: the figure is the hub's, not the JSON encoder's; and
    // as a terminal sends them (a batch compressed), so the hub, its broker and TLS read what they would.
    List<Terminal> sims = new ArrayList<>();
    try (Zlib.Compressor compressor = new Zlib.Compressor()) {
      for (int t = 0; t < terminals; t++) {
        MessageFactory m = new MessageFactory(BenchHub.CITY, prefix + t, TerminalClock.system());
        List<EventRecord> records = allRecords.get(t);
        int mine = records.size();
        if (mine == 0) continue; // fewer events than terminals in this half
        List<byte[]> msgs = new ArrayList<>();
        for (int i = 0; i < mine; i += batch) msgs.add(compressor.forSending(codec.encode(m.envelope(new Events(records.subList(i, Math.min(mine, i + batch)))))));
        sims.add(new Terminal(prefix + t, bench.hub.brokerUrl(), bench.enroll(prefix + t, jp.mynaterm.config.Role.TAXI), topics, codec, msgs, mine));
      }
    }
    for (Terminal s : sims) s.awaitConnected();
    System.gc();
    double cpu = ownCpuSeconds();
    long compiled = compilerMs();
    long start = System.nanoTime();
    List<Thread> threads = sims.stream().map(s -> Thread.ofVirtual().start(s::run)).toList();
    for (Thread th : threads) th.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = ownCpuSeconds() - cpu;
    compiled = compilerMs() - compiled;
    sims.forEach(Terminal::close);
    return new Run(seconds, cpuSeconds, compiled, allRecords);
  }

  private static RideBoarded ride(int terminal, int i) {
    // A shift of one ride each: events made in the same millisecond still differ in content, so the
    // duplicate count (by id and content) counts only real repeats.
    return new RideBoarded(new CardId("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "noriai-" + terminal, "shift-" + i, "adult", 300, null, false);
  }

  /**
   * The storage path's limit: the same rows into a SQLite file with the hub's schema and settings
   * (WAL, synchronous=FULL), straight through the hub's event repository — no broker, no decoding,
   * no acks — one transaction per 500 rows. Returns the seconds it took.
   */
  private double rawSqlite(EventRepository repository, String prefix, List<List<EventRecord>> all) throws Exception {
    // Records in the order the hub gets them: the terminals' messages interleaved, not one terminal after another.
    record Keyed(String terminal, EventRecord record) {}
    List<Keyed> records = new ArrayList<>();
    int longest = all.stream().mapToInt(List::size).max().orElse(0);
    for (int from = 0; from < longest; from += batch) {
      for (int t = 0; t < all.size(); t++) {
        List<EventRecord> mine = all.get(t);
        for (int i = from; i < Math.min(mine.size(), from + batch); i++) records.add(new Keyed(prefix + t, mine.get(i)));
      }
    }
    System.gc();
    long start = System.nanoTime();
    for (int i = 0; i < records.size(); i += 500) {
      // The rows made inside the clock: making a row writes the JSON it is stored as, part of storing.
      List<EventRow> rows = new ArrayList<>(500);
      for (Keyed k : records.subList(i, Math.min(records.size(), i + 500))) rows.add(new EventRow(k.terminal(), k.record()));
      repository.store(rows);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** A terminal with a backlog: publishes its messages in order, at most WINDOW unacknowledged by the hub. */
  private static final class Terminal {
    private final MqttSession session;
    private final String topic;
    private final List<byte[]> payloads;
    private final int total;
    private final AtomicLong acked = new AtomicLong();
    private final Object signal = new Object();

    Terminal(String id, String url, jp.mynaterm.protocol.mqtt.MqttTls tls, Topics topics, MessageCodec codec, List<byte[]> payloads, int total) {
      this.topic = topics.up(id, Topics.Up.EVENTS);
      this.payloads = payloads;
      this.total = total;
      MqttSession.Options o = MqttSession.Options.builder(url, id).tls(tls).subscribe(topics.down(id, Topics.Down.ACKS)).build();
      session =
          new MqttSession(
                  o,
                  (t, m, ack) -> {
                    if (codec.decode(m.getPayload()) instanceof DecodeResult.Decoded d && d.envelope().body() instanceof Ack a) {
                      long n = 0;
                      for (SeqRange r : a.committed()) n += r.to() - r.from() + 1;
                      acked.addAndGet(n);
                      synchronized (signal) {
                        signal.notifyAll();
                      }
                    }
                  })
              .start();
    }

    void awaitConnected() throws Exception {
      Await.until(Duration.ofSeconds(30), session::connected, "simulated terminal " + topic + " connects");
    }

    void run() {
      try {
        int batch = (int) Math.ceil(total / (double) payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
          synchronized (signal) {
            while ((long) (i - WINDOW) * batch >= acked.get()) signal.wait(1000);
          }
          while (session.publish(topic, payloads.get(i), false, Duration.ofSeconds(1), ok -> {}) != MqttSession.Sent.IN_FLIGHT) Thread.sleep(10);
        }
        synchronized (signal) {
          long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
          while (acked.get() < total && System.nanoTime() < deadline) signal.wait(1000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void close() {
      session.close();
    }
  }

}
