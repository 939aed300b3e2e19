package jp.mynaterm.hub.downlink;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the alerts staff send or withdraw with {@code mynaterm hub alert}, which runs in its own
 * process and only writes the database: the running hub looks every {@link #EVERY} (as for staff
 * lists, {@link StaffListFeed}) — also for what it could not publish while the broker was away.
 */
public final class AlertFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);
  /** From staff's command to the terminals within a second or so; one indexed look at a small table. */
  public static final Duration EVERY = Duration.ofSeconds(1);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("alerts").factory());

  private AlertFeed() {}

  public static AlertFeed start(Downlink downlink) {
    AlertFeed feed = new AlertFeed();
    feed.timer.scheduleWithFixedDelay(() -> {
      try {
        downlink.publishPendingAlerts();
      } catch (SQLException | RuntimeException e) {
        log.warn("alerts not published, retrying: {}", e.getMessage());
      }
    }, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return feed;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
