package jp.mynaterm.cli.bench;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.Role;
import jp.mynaterm.config.TaxiBookingSettings;
import jp.mynaterm.config.TaxiStop;
import jp.mynaterm.hub.taxi.TaxiBookings;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.DecodeResult;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.TaxiManifest;
import jp.mynaterm.protocol.mqtt.MqttSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "booking",
    mixinStandardHelpOptions = true,
    description = {
      "Demand-taxi bookings: simulated residents (web) and operators (phone) book a day's rides at once",
      "against the vehicles, each vehicle an MQTT client of the hub's TLS broker on its own topic.",
      "Measured: bookings per second, each booking's p99, and from a booking's start to its vehicle",
      "holding a manifest with it (p99); no seat may be sold twice. Baseline in the same run: the same",
      "number of bookings by one client, one after another (no contention), on another day."
    })
final class BenchBookingCommand extends Benchmark {
  @Option(names = "--residents", description = "Residents booking on the web (default: ${DEFAULT-VALUE}).", defaultValue = "200")
  int residents;

  @Option(names = "--operators", description = "Operators booking by phone (default: ${DEFAULT-VALUE}).", defaultValue = "5")
  int operators;

  @Option(names = "--vehicles", description = "Vehicles (default: ${DEFAULT-VALUE}).", defaultValue = "20")
  int vehicles;

  @Option(names = "--per-resident", description = "Bookings each resident tries (default: ${DEFAULT-VALUE}).", defaultValue = "3")
  int perResident;

  @Option(names = "--per-operator", description = "Bookings each operator makes for callers (default: ${DEFAULT-VALUE}).", defaultValue = "40")
  int perOperator;

  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Override
  ResultLine measure() throws Exception {
    if (residents < 1 || operators < 0 || vehicles < 1 || perResident < 1 || perOperator < 0) {
      throw new CommandFailure(ExitCodes.USAGE, "--residents, --vehicles and --per-resident must be positive");
    }
    List<String> ids = new ArrayList<>();
    for (int v = 1; v <= vehicles; v++) ids.add(String.format("car-%02d", v));
    List<TaxiStop> stops = List.of(new TaxiStop("S001", "美濃市役所", 35.5447, 136.9078), new TaxiStop("S002", "美濃病院", 35.5502, 136.9121),
        new TaxiStop("S003", "うだつの上がる町並み", 35.5461, 136.9101));
    // Every day a service day, so the bench runs whatever the date; 07:00-19:00 in 30-minute slots.
    TaxiBookingSettings rules = new TaxiBookingSettings(ids, 4, Duration.ofMinutes(30), null, null, "07:00", "19:00", List.of(DayOfWeek.values()),
        "Asia/Tokyo", null, null, null, null, null, null, stops);
    try (BenchHub bench = BenchHub.start("booking", rules)) {
      TaxiBookings bookings = bench.hub.taxiBookings();
      List<AllowEntry> riders = new ArrayList<>();
      for (int r = 0; r < residents; r++) riders.add(new AllowEntry(card(r), member(r), r % 3 == 0 ? "senior" : "adult", MemberStatus.ACTIVE));
      bench.hub.downlink().changeAllowList(TaxiBookings.SERVICE, riders, List.of());

      // The vehicles: each subscribed to its own down branch only, as the broker's trust allows a taxi.
      Topics topics = new Topics(BenchHub.CITY);
      MessageCodec codec = new MessageCodec();
      Map<String, Long> firstSeen = new ConcurrentHashMap<>();
      List<MqttSession> sessions = new ArrayList<>();
      try {
        for (String id : ids) {
          MqttSession.Options o = MqttSession.Options.builder(bench.hub.brokerUrl(), id).tls(bench.enroll(id, Role.TAXI))
              .subscribe(topics.down(id, Topics.Down.LISTS)).build();
          sessions.add(new MqttSession(o, (topic, m, ack) -> {
            long at = System.nanoTime();
            if (codec.decode(m.getPayload()) instanceof DecodeResult.Decoded d && d.envelope().body() instanceof TaxiManifest manifest) {
              for (TaxiManifest.Pickup p : manifest.pickups()) firstSeen.putIfAbsent(p.booking(), at);
            }
          }).start());
        }
        Await.until(LIMIT, () -> sessions.stream().allMatch(MqttSession::connected), "every vehicle connects");
        System.out.printf("%d vehicles connected (TLS, own topic each); %d residents registered; %d residents x %d and %d operators x %d bookings for tomorrow%n",
            vehicles, residents, residents, perResident, operators, perOperator);

        // Contention: everyone books tomorrow, with a morning and an afternoon peak (hospital and shopping hours).
        LocalDate day = LocalDate.now(JST).plusDays(1);
        Map<String, Long> started = new ConcurrentHashMap<>();
        Percentiles latency = new Percentiles(residents * perResident + operators * perOperator);
        AtomicInteger booked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Runnable> clients = new ArrayList<>();
        for (int r = 0; r < residents; r++) {
          int resident = r;
          clients.add(() -> {
            Random random = new Random(1000 + resident);
            for (int i = 0; i < perResident; i++) book(bookings, request(random, member(resident), day), TaxiBookings.WEB, member(resident), started, latency, booked, refused);
          });
        }
        for (int o = 0; o < operators; o++) {
          int operator = o;
          clients.add(() -> {
            Random random = new Random(9000 + operator);
            for (int i = 0; i < perOperator; i++) {
              String caller = member(random.nextInt(residents));
              book(bookings, request(random, caller, day), TaxiBookings.PHONE, "operator-" + operator, started, latency, booked, refused);
            }
          });
        }
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
          List<Future<?>> all = new ArrayList<>();
          for (Runnable c : clients) all.add(pool.submit(c));
          for (Future<?> f : all) f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int attempts = booked.get() + refused.get();
        double perSecond = attempts / seconds;
        Await.until(LIMIT, () -> started.keySet().stream().allMatch(firstSeen::containsKey), "every booking reaches its vehicle's manifest");
        Percentiles manifest = new Percentiles(started.size());
        started.forEach((id, at) -> manifest.add(Math.max(0, firstSeen.get(id) - at)));
        long doubleSold = bookings.oversold();
        System.out.printf("%d bookings tried in %.2f s: %d booked, %d refused (full, one per rider per window); p50 %.1f ms, p99 %.1f ms%n",
            attempts, seconds, booked.get(), refused.get(), latency.millis(50), latency.millis(99));
        System.out.printf("manifest at the vehicle, from the booking's start: p50 %.1f ms, p99 %.1f ms (goal p99 <= 2000 ms)%n", manifest.millis(50), manifest.millis(99));

        // Baseline: as many bookings by one client, one after another, the day after.
        LocalDate baselineDay = day.plusDays(1);
        Random random = new Random(4242);
        AtomicInteger baseBooked = new AtomicInteger();
        AtomicInteger baseRefused = new AtomicInteger();
        Percentiles baseLatency = new Percentiles(attempts);
        int baselineAttempts = Math.min(attempts, 400);
        t0 = System.nanoTime();
        for (int i = 0; i < baselineAttempts; i++) {
          String m = member(random.nextInt(residents));
          book(bookings, request(random, m, baselineDay), TaxiBookings.WEB, m, new ConcurrentHashMap<>(), baseLatency, baseBooked, baseRefused);
        }
        double baselinePerSecond = baselineAttempts / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("baseline, one client, %d bookings one after another: %.0f bookings/s, p99 %.1f ms%n", baselineAttempts, baselinePerSecond, baseLatency.millis(99));
        System.out.printf("seats sold twice or bookings with the wrong number of seats: %d%n", doubleSold);
        return ResultLine.of("booking").figure("bookings_per_s", perSecond, 0).figure("p99_ms", latency.millis(99), 1)
            .figure("manifest_p99_ms", manifest.millis(99), 1).count("double_sold", doubleSold)
            .figure("baseline_bookings_per_s", baselinePerSecond, 0)
            .failIf(doubleSold > 0 || manifest.millis(99) > 2000);
      } finally {
        sessions.forEach(MqttSession::close);
      }
    }
  }

  private static void book(TaxiBookings bookings, TaxiBookings.Request request, String channel, String by, Map<String, Long> started, Percentiles latency,
      AtomicInteger booked, AtomicInteger refused) {
    long t = System.nanoTime();
    try {
      TaxiBookings.Outcome outcome = bookings.book(request, channel, by);
      long took = System.nanoTime() - t;
      synchronized (latency) {
        latency.add(took);
      }
      switch (outcome) {
        case TaxiBookings.Outcome.Booked b -> {
          started.put(b.booking().id(), t);
          booked.incrementAndGet();
        }
        case TaxiBookings.Outcome.Refused r -> refused.incrementAndGet();
      }
    } catch (java.sql.SQLException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "booking failed: " + e.getMessage());
    }
  }

  /** A pick-up: most at the morning and afternoon peaks, at one of the stops, now and then two passengers. */
  private static TaxiBookings.Request request(Random random, String member, LocalDate day) {
    int slot = random.nextInt(3) == 0 ? random.nextInt(24) : random.nextBoolean() ? 4 + random.nextInt(3) : 14 + random.nextInt(3);
    LocalDateTime at = day.atTime(7, 0).plusMinutes(30L * slot);
    String stop = "S00" + (1 + random.nextInt(3));
    return new TaxiBookings.Request(member, at, stop, null, null, null, random.nextInt(5) == 0 ? 2 : 1, random.nextInt(20) == 0);
  }

  private static String member(int resident) {
    return String.format("r%03d", resident);
  }

  private static CardId card(int resident) {
    String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    return new CardId("BENCHBOOKINGAAAAAAAAAAA" + letters.charAt(resident / 676 % 26) + letters.charAt(resident / 26 % 26) + letters.charAt(resident % 26));
  }
}
