package jp.mynaterm.hub.downlink;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.config.Role;
import jp.mynaterm.protocol.staff.StaffRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the counters their staff lists when accounts change. {@code mynaterm hub staff add|passwd|disable}
 * runs in its own process and only writes the database (a new list version with the change), so the
 * running hub looks for new versions every {@link #EVERY} and broadcasts the whole list of each role
 * whose version moved — the first look sends every list once, for terminals that stayed connected
 * while the hub was down. A terminal that was away gets it with its ListSync.
 */
public final class StaffListFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StaffListFeed.class);
  /** Seconds from a change at the hub to the counters, and a look at one small table. */
  public static final Duration EVERY = Duration.ofSeconds(1);

  /** The staff roles whose lists terminals hold: the library and hospital counters' ({@link Role#staffRole}). */
  static final List<StaffRole> HELD = Arrays.stream(Role.values()).flatMap(r -> r.staffRole().flatMap(StaffRole::ofWire).stream()).toList();

  private final Downlink downlink;
  private final Map<StaffRole, Long> sent = new EnumMap<>(StaffRole.class);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("staff-lists").factory());

  private StaffListFeed(Downlink downlink) {
    this.downlink = downlink;
  }

  public static StaffListFeed start(Downlink downlink) {
    StaffListFeed feed = new StaffListFeed(downlink);
    feed.timer.scheduleWithFixedDelay(feed::look, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return feed;
  }

  private void look() {
    for (StaffRole role : HELD) {
      try {
        long before = sent.getOrDefault(role, 0L);
        long now = downlink.broadcastStaffList(role, before);
        if (now != before) log.info("staff list {} version {} sent to the counters", role.wire(), now);
        sent.put(role, now);
      } catch (SQLException | RuntimeException e) {
        log.warn("staff list {} not sent, retrying: {}", role.wire(), e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
