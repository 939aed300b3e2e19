package jp.mynaterm.protocol.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Takes {@link Stamp}s. On Linux the boot id and uptime come from the kernel, and the clock counts as
 * synced when systemd-timesyncd (or chrony through it) says so; elsewhere the boot id is per process.
 */
public final class TerminalClock {
  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
  private static final Path UPTIME = Path.of("/proc/uptime");
  private static final Path TIMESYNC_FLAG = Path.of("/run/systemd/timesync/synchronized");

  private final Clock wall;
  private final String bootId;
  private final long uptimeMsAtStart;
  private final long nanoAtStart;
  private final BooleanSupplier synced;

  private TerminalClock(Clock wall, String bootId, long uptimeMsAtStart, BooleanSupplier synced) {
    this.wall = wall;
    this.bootId = bootId;
    this.uptimeMsAtStart = uptimeMsAtStart;
    this.nanoAtStart = System.nanoTime();
    this.synced = synced;
  }

  /** The machine's clock. */
  public static TerminalClock system() {
    return new TerminalClock(Clock.systemUTC(), readBootId(), readUptimeMs(), TerminalClock::systemSynced);
  }

  /** A clock for tests and simulations, with a given wall clock and sync state. */
  public static TerminalClock of(Clock wall, String bootId, boolean synced) {
    return new TerminalClock(wall, bootId, 0, () -> synced);
  }

  public Stamp now() {
    long mono = uptimeMsAtStart + (System.nanoTime() - nanoAtStart) / 1_000_000;
    return new Stamp(wall.instant(), bootId, mono, synced.getAsBoolean());
  }

  public String bootId() {
    return bootId;
  }

  public boolean synced() {
    return synced.getAsBoolean();
  }

  private static boolean systemSynced() {
    return Files.exists(TIMESYNC_FLAG) || Boolean.getBoolean("mynaterm.clock.synced");
  }

  private static String readBootId() {
    try {
      return Files.readString(BOOT_ID).trim();
    } catch (IOException | RuntimeException e) {
      return "process-" + UUID.randomUUID();
    }
  }

  private static long readUptimeMs() {
    try {
      String first = Files.readString(UPTIME).trim().split("\\s+")[0];
      return (long) (Double.parseDouble(first) * 1000);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
