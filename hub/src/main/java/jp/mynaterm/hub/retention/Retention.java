package jp.mynaterm.hub.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.config.RetentionSettings;
import jp.mynaterm.hub.registry.RegistryRepository;
import jp.mynaterm.hub.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what names a card once its time is up ({@link RetentionSettings}): usage records and kept
 * conflict sides after {@code retention.events}, link records after {@code retention.links} (only
 * those the registry has applied: an unapplied link is still work), link notices after
 * {@code retention.notices}. One transaction per sweep, so a crash leaves all or nothing. The hub
 * sweeps at start and then daily; several hubs on one database may sweep at once harmlessly.
 * The log says how many, never which.
 */
public final class Retention implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  /** Once a day is enough for limits counted in months; a failed sweep is tried again at the next. */
  static final Duration EVERY = Duration.ofDays(1);

  /** How many rows one sweep deleted, by kind. */
  public record Swept(int events, int conflicts, int links, int notices) {
    public int total() {
      return events + conflicts + links + notices;
    }
  }

  private final Database db;
  private final RetentionSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("retention").factory());

  public Retention(Database db, RetentionSettings settings, Clock clock) {
    this.db = db;
    this.settings = settings;
    this.clock = clock;
  }

  /** Sweeps now (in the background) and then daily, until closed. */
  public static Retention start(Database db, RetentionSettings settings) {
    Retention r = new Retention(db, settings, Clock.systemUTC());
    r.timer.scheduleWithFixedDelay(() -> {
      try {
        db.alone("retention", r::sweep); // one hub of a group sweeps; the others find the lock taken
      } catch (SQLException | RuntimeException e) {
        log.warn("retention sweep failed, tried again in {}: {}", EVERY, e.getMessage());
      }
    }, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return r;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  public Swept sweep() throws SQLException {
    Instant now = clock.instant();
    String eventsBefore = now.minus(settings.events()).toString();
    String linksBefore = now.minus(settings.links()).toString();
    String noticesBefore = now.minus(settings.notices()).toString();
    Swept swept = db.write(c -> {
      int events = delete(c, "DELETE FROM events WHERE received_at < ? AND event_type NOT IN " + RegistryRepository.LINK_TYPES, eventsBefore);
      int conflicts = delete(c, "DELETE FROM event_conflict WHERE received_at < ?", eventsBefore);
      int notices = delete(c, "DELETE FROM link_notice WHERE noted_at < ?", noticesBefore);
      int links = delete(c, "DELETE FROM events WHERE received_at < ? AND event_type IN " + RegistryRepository.LINK_TYPES
          + " AND EXISTS (SELECT 1 FROM link_applied a WHERE a.terminal = events.terminal AND a.epoch = events.epoch AND a.seq = events.seq)", linksBefore);
      if (links > 0) {
        try (var s = c.createStatement()) { // the marks of the links just deleted
          s.executeUpdate("DELETE FROM link_applied WHERE NOT EXISTS (SELECT 1 FROM events e"
              + " WHERE e.terminal = link_applied.terminal AND e.epoch = link_applied.epoch AND e.seq = link_applied.seq)");
        }
      }
      // The taxi's: bookings (addresses) after retention.taxiBookings past their window, charges after retention.taxiCharges.
      int taxi = deleteBefore(c, "DELETE FROM taxi_seat WHERE booking_id IN (SELECT id FROM taxi_booking WHERE window_end_ms < ?)", now.minus(settings.taxiBookings()))
          + deleteBefore(c, "DELETE FROM taxi_booking WHERE window_end_ms < ?", now.minus(settings.taxiBookings()))
          + deleteBefore(c, "DELETE FROM taxi_charge WHERE at_ms < ?", now.minus(settings.taxiCharges()));
      if (taxi > 0) log.info("retention: deleted {} demand-taxi bookings, seats and charges past their limits", taxi);
      return new Swept(events, conflicts, links, notices);
    });
    if (swept.total() > 0) {
      log.info("retention: deleted {} usage records and {} conflict sides older than {}, {} link records older than {}, {} notices older than {}",
          swept.events(), swept.conflicts(), settings.events(), swept.links(), settings.links(), swept.notices(), settings.notices());
    }
    return swept;
  }

  private static int deleteBefore(Connection c, String sql, Instant before) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, before.toEpochMilli());
      return p.executeUpdate();
    }
  }

  private static int delete(Connection c, String sql, String before) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, before);
      return p.executeUpdate();
    }
  }
}
