package jp.mynaterm.hub.fleet;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.config.FleetSettings;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.hub.storage.MonthlyCounts;
import jp.mynaterm.hub.storage.StoredJson;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.protocol.message.Birth;
import jp.mynaterm.protocol.message.Heartbeat;

/**
 * Every terminal as the console's fleet page shows it (issue #18 §2): role, version, last seen,
 * online or offline, outbox depth and the age of its oldest unsent event, set-aside records, free
 * disk, clock, its lists' versions (beside the hub's) and ages, printers and paper — from the newest
 * birth, heartbeat and last will the hub keeps per terminal — with {@link FleetRules}' alerts.
 */
public final class FleetView {
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(MonthlyCounts.CITY);

  /** A list a terminal holds: its version there and at the hub, and how long since the hub confirmed it. */
  public record ListState(String name, long version, long hubVersion, String age, boolean stale) {
    public boolean behind() {
      return version < hubVersion;
    }
  }

  /** A device's state as the terminal reported it; {@code problem} when not ok. */
  public record Device(String name, String state, boolean problem) {}

  /** One terminal's line; figures from its newest heartbeat are null when it never sent one. */
  public record Row(String terminal, String role, String version, String lastSeen, boolean online, String status, Long queueDepth,
      String oldestUnsent, Long setAside, String diskFree, Boolean clockSynced, List<ListState> lists, List<Device> printers, List<FleetAlert> alerts) {}

  /** The fleet at {@code at}: terminals by id, and every alert. */
  public record Fleet(String at, List<Row> rows, List<FleetAlert> alerts, long online) {}

  private final TerminalRepository terminals;
  private final ListRepository lists;
  private final FleetSettings settings;
  private final FleetRules rules;
  private final Clock clock;

  public FleetView(TerminalRepository terminals, ListRepository lists, FleetSettings settings, Clock clock) {
    this.terminals = terminals;
    this.lists = lists;
    this.settings = settings;
    this.rules = new FleetRules(settings);
    this.clock = clock;
  }

  public Fleet read() throws SQLException {
    Instant now = clock.instant();
    Map<String, Long> hubVersions = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    List<FleetAlert> alerts = new ArrayList<>();
    long online = 0;
    for (TerminalRepository.Fleet t : terminals.fleet()) {
      List<FleetAlert> mine = rules.alerts(t, now);
      alerts.addAll(mine);
      boolean on = t.seen().online(now);
      if (on) online++;
      Optional<Heartbeat> hb = t.heartbeat();
      Map<String, Duration> ages = FleetRules.listAges(t, now);
      List<ListState> held = new ArrayList<>();
      if (hb.isPresent()) {
        for (var e : new java.util.TreeMap<>(hb.get().listVersions()).entrySet()) {
          Long hubVersion = hubVersions.get(e.getKey());
          if (hubVersion == null) hubVersions.put(e.getKey(), hubVersion = lists.version(e.getKey()));
          Duration age = ages.get(e.getKey());
          held.add(new ListState(e.getKey(), e.getValue(), hubVersion, age == null ? "—" : FleetRules.duration(age),
              age != null && age.compareTo(settings.staleListAfter()) > 0));
        }
      }
      List<Device> printers = new ArrayList<>();
      hb.ifPresent(h -> new java.util.TreeMap<>(h.peripherals()).forEach((device, state) -> {
        if (device.contains("printer")) printers.add(new Device(device, state, !state.equals("ok")));
      }));
      rows.add(new Row(t.seen().terminal(), t.seen().role() == null ? "?" : t.seen().role(), version(t), SHOWN.format(t.seen().at()), on,
          t.seen().kind(), hb.map(Heartbeat::queueDepth).orElse(null),
          hb.map(h -> h.queueDepth() == 0 ? "—" : FleetRules.duration(Duration.ofMillis(h.oldestUnsentAgeMs()))).orElse(null),
          hb.map(h -> h.setAsideEvents() + h.setAsideFiles().size()).orElse(null), hb.map(h -> bytes(h.diskFreeBytes())).orElse(null),
          hb.map(Heartbeat::clockSynced).orElse(null), List.copyOf(held), List.copyOf(printers), List.copyOf(mine)));
    }
    return new Fleet(SHOWN.format(now), List.copyOf(rows), List.copyOf(alerts), online);
  }

  /** The software version: the newest heartbeat's, else the birth's. */
  private static String version(TerminalRepository.Fleet t) throws SQLException {
    if (t.heartbeat().isPresent()) return t.heartbeat().get().version();
    if (t.seen().kind().equals("birth")) return StoredJson.read(t.payload(), Birth.class).version();
    return "?";
  }

  static String bytes(long n) {
    if (n >= 1L << 30) return String.format(java.util.Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    return String.format(java.util.Locale.ROOT, "%d MiB", n >> 20);
  }
}
