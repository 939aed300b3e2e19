package jp.mynaterm.agent.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jp.mynaterm.agent.downlink.DownlinkStore;
import jp.mynaterm.agent.downlink.ListAges;
import jp.mynaterm.agent.outbox.Outbox;
import jp.mynaterm.protocol.message.Birth;
import jp.mynaterm.protocol.message.Heartbeat;
import jp.mynaterm.protocol.time.TerminalClock;

/**
 * What a terminal reports about itself: its birth after each connect and its heartbeats (version,
 * queue depth, age of the oldest unsent event, free disk, clock state, peripherals, list versions, the
 * lists' ages with their state under the peripherals' key {@code lists}, events and outbox files set
 * aside).
 * Peripheral states come from whoever runs the devices, through {@link #peripherals(Supplier)}.
 */
public final class StatusSource {
  private final String version;
  private final String role;
  private final Outbox outbox;
  private final DownlinkStore downlink;
  private final TerminalClock clock;
  private final Path dataDir;
  private final java.time.Duration maxListAge;
  private volatile Supplier<Map<String, String>> peripherals = Map::of;

  public StatusSource(String version, String role, Outbox outbox, DownlinkStore downlink, TerminalClock clock, Path dataDir, java.time.Duration maxListAge) {
    this.maxListAge = maxListAge;
    this.version = version;
    this.role = role;
    this.outbox = outbox;
    this.downlink = downlink;
    this.clock = clock;
    this.dataDir = dataDir;
  }

  /** Where device states come from: name → {@code ok} or what is wrong. */
  public void peripherals(Supplier<Map<String, String>> supplier) {
    this.peripherals = supplier;
  }

  public Birth birth() {
    return new Birth(version, role, downlink.versions());
  }

  public Heartbeat heartbeat() {
    long now = clock.now().wall().toEpochMilli();
    long oldestAge = outbox.oldestCreatedMs().stream().map(t -> Math.max(0, now - t)).findFirst().orElse(0);
    Map<String, String> devices = new LinkedHashMap<>();
    try {
      devices.putAll(peripherals.get());
    } catch (RuntimeException e) {
      devices.put("peripherals", "state unavailable: " + e.getClass().getSimpleName());
    }
    int fill = outbox.fillPercent();
    devices.put("outbox", fill >= 80 ? fill + "% full" : "ok");
    List<String> setAsideFiles = outbox.setAsideFiles().stream().map(f -> f.getFileName().toString()).toList();
    ListAges lists = ListAges.of(downlink, maxListAge, clock.now().wall());
    devices.put(ListAges.STATE_KEY, lists.state());
    return new Heartbeat(version, outbox.depth(), oldestAge, diskFree(), clock.synced(), devices, downlink.versions(), lists.agesMs(), outbox.setAsideCount(), setAsideFiles);
  }

  private long diskFree() {
    try {
      return Files.getFileStore(dataDir).getUsableSpace();
    } catch (IOException e) {
      return 0;
    }
  }
}
