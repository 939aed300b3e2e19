package jp.mynaterm.agent.outbox;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import jp.mynaterm.agent.store.SqliteFile;
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Rejected;
import jp.mynaterm.protocol.message.SeqRange;
import jp.mynaterm.protocol.time.Stamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's store-and-forward queue: every usage event is committed here, with its per-terminal
 * sequence, before the caller hears "done". It leaves only when the hub acknowledges having committed
 * it (or refuses it for good, which sets it aside, kept). Bounded: warns from a fill level on and,
 * when full, refuses new events loudly instead of dropping old ones.
 *
 * <p>Sequences start at 1 and never repeat. If the file had to be moved aside as unreadable, the new
 * file continues from the wall clock in milliseconds, far above any sequence the old file can have
 * reached, so the hub never mistakes a new event for a duplicate of a lost one.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final Connection db;
  private final OutboxSettings settings;
  private final Clock clock;
  private final Path file;
  private final Path movedAside;
  private long depth;
  private boolean warned;

  private Outbox(Path file, SqliteFile.Opened opened, OutboxSettings settings, Clock clock) throws SQLException {
    this.file = file;
    this.db = opened.connection();
    this.movedAside = opened.movedAside();
    this.settings = settings;
    this.clock = clock;
    if (opened.wasMovedAside()) {
      try (PreparedStatement p = db.prepareStatement("UPDATE counter SET next_seq = max(next_seq, ?)")) {
        p.setLong(1, clock.millis());
        p.executeUpdate();
      }
    }
    this.depth = queryLong("SELECT count(*) FROM outbox");
  }

  /** Opens (or creates) the outbox file; an unreadable file is moved aside and kept. */
  public static Outbox open(Path file, OutboxSettings settings) throws IOException {
    return open(file, settings, Clock.systemUTC());
  }

  public static Outbox open(Path file, OutboxSettings settings, Clock clock) throws IOException {
    SqliteFile.Opened opened = SqliteFile.open(file, Outbox::schema);
    try {
      return new Outbox(file, opened, settings, clock);
    } catch (SQLException e) {
      throw new IOException("cannot read outbox " + file + ": " + e.getMessage(), e);
    }
  }

  private static void schema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, created_ms INTEGER NOT NULL, record TEXT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS counter (next_seq INTEGER NOT NULL)");
      s.execute("INSERT INTO counter (next_seq) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM counter)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS set_aside (seq INTEGER PRIMARY KEY, record TEXT NOT NULL, reason TEXT NOT NULL, at_ms INTEGER NOT NULL)");
    }
  }

  /** Commits one event; returns only once it is on disk (or refused, with nothing stored). */
  public Appended append(UsageEvent event, Stamp time) {
    return appendAll(List.of(event), time);
  }

  /**
   * A statement run inside an append's transaction, on the outbox's connection: what it writes (state
   * kept beside the outbox, e.g. the taxi's shift) commits with the event, or neither does.
   */
  @FunctionalInterface
  public interface AlongWith {
    AlongWith NOTHING = c -> {};

    void write(Connection c) throws SQLException;
  }

  /** A read (or the creation of its own tables) by state kept beside the outbox, on its connection. */
  @FunctionalInterface
  public interface Query<T> {
    T run(Connection c) throws SQLException;
  }

  /** Commits one event and what {@code with} writes in one transaction; a failure of either stores neither. */
  public Appended append(UsageEvent event, Stamp time, AlongWith with) {
    return appendAll(List.of(event), time, with);
  }

  /** Runs {@code query} on the outbox's connection between appends (autocommit). */
  public synchronized <T> T query(Query<T> query) throws SQLException {
    return query.run(db);
  }

  /**
   * Commits several events in one transaction (a terminal that was offline, the drain benchmark);
   * all or none. Returns the last sequence committed.
   */
  public Appended appendAll(List<UsageEvent> events, Stamp time) {
    return appendAll(events, time, AlongWith.NOTHING);
  }

  private synchronized Appended appendAll(List<UsageEvent> events, Stamp time, AlongWith with) {
    if (depth + events.size() > settings.maxEvents()) {
      log.error("outbox full ({} of {} events): refusing a new event; the terminal must show a fault", depth, settings.maxEvents());
      return new Appended.Refused("full", "outbox holds " + depth + " of " + settings.maxEvents() + " events");
    }
    long now = clock.millis();
    long seq = 0;
    try {
      db.setAutoCommit(false);
      seq = queryLong("SELECT next_seq FROM counter");
      try (PreparedStatement p = db.prepareStatement("INSERT INTO outbox (seq, created_ms, record) VALUES (?, ?, ?)")) {
        for (UsageEvent event : events) {
          p.setLong(1, seq);
          p.setLong(2, now);
          p.setString(3, MessageCodec.write(new EventRecord(seq, time, event)));
          p.addBatch();
          seq++;
        }
        p.executeBatch();
      }
      try (PreparedStatement p = db.prepareStatement("UPDATE counter SET next_seq = ?")) {
        p.setLong(1, seq);
        p.executeUpdate();
      }
      with.write(db);
      db.commit();
    } catch (SQLException | RuntimeException e) {
      SqliteFile.rollbackQuietly(db);
      log.error("outbox write failed: refusing the event ({})", e.getMessage());
      return new Appended.Refused("storage", e.getMessage());
    } finally {
      SqliteFile.autoCommitQuietly(db);
    }
    depth += events.size();
    warnIfFilling();
    return new Appended.Committed(seq - 1);
  }

  private void warnIfFilling() {
    boolean filling = fillPercent() >= settings.warnAtPercent();
    if (filling && !warned) {
      log.warn("outbox is {}% full ({} of {} events): the hub has not acknowledged for a while", fillPercent(), depth, settings.maxEvents());
    } else if (!filling && warned) {
      log.info("outbox back below {}% ({} events)", settings.warnAtPercent(), depth);
    }
    warned = filling;
  }

  /** Up to {@code max} events with a sequence above {@code afterSeq}, oldest first. */
  public synchronized List<Pending> after(long afterSeq, int max) {
    List<Pending> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT created_ms, record FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?")) {
      p.setLong(1, afterSeq);
      p.setInt(2, max);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new Pending(MessageCodec.read(rs.getString(2), EventRecord.class), rs.getLong(1)));
        }
      }
    } catch (SQLException | IOException e) {
      log.error("cannot read the outbox: {}", e.getMessage());
    }
    return out;
  }

  /** Deletes what the hub committed; sets aside (keeps) what it refused for good. Returns rows removed. */
  public synchronized int acknowledge(List<SeqRange> committed, List<Rejected> rejected) {
    int removed = 0;
    try {
      db.setAutoCommit(false);
      if (!rejected.isEmpty()) {
        try (PreparedStatement p =
            db.prepareStatement("INSERT OR REPLACE INTO set_aside (seq, record, reason, at_ms) SELECT seq, record, ?, ? FROM outbox WHERE seq = ?")) {
          for (Rejected r : rejected) {
            p.setString(1, r.reason());
            p.setLong(2, clock.millis());
            p.setLong(3, r.seq());
            p.addBatch();
          }
          p.executeBatch();
        }
        for (Rejected r : rejected) log.warn("hub refused event {} for good ({}); kept aside in the outbox", r.seq(), r.reason());
      }
      try (PreparedStatement p = db.prepareStatement("DELETE FROM outbox WHERE seq BETWEEN ? AND ?")) {
        for (SeqRange r : committed) {
          p.setLong(1, r.from());
          p.setLong(2, r.to());
          removed += p.executeUpdate();
        }
      }
      try (PreparedStatement p = db.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
        for (Rejected r : rejected) {
          p.setLong(1, r.seq());
          removed += p.executeUpdate();
        }
      }
      db.commit();
    } catch (SQLException e) {
      SqliteFile.rollbackQuietly(db);
      log.error("cannot remove acknowledged events (they will be sent again; the hub ignores repeats): {}", e.getMessage());
      return 0;
    } finally {
      SqliteFile.autoCommitQuietly(db);
    }
    depth -= removed;
    warnIfFilling();
    return removed;
  }

  /** Events waiting for an ack. */
  public synchronized long depth() {
    return depth;
  }

  public synchronized int fillPercent() {
    return (int) (depth * 100 / settings.maxEvents());
  }

  /** When the oldest unacknowledged event was committed, if any. */
  public synchronized OptionalLong oldestCreatedMs() {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT min(created_ms) FROM outbox")) {
      long v = rs.getLong(1);
      return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    } catch (SQLException e) {
      return OptionalLong.empty();
    }
  }

  /** Events the hub refused for good, kept for an operator. */
  public synchronized long setAsideCount() {
    try {
      return queryLong("SELECT count(*) FROM set_aside");
    } catch (SQLException e) {
      return 0;
    }
  }

  /** Where the previous, unreadable file was moved when this one was opened; null if it was fine. */
  public Path movedAside() {
    return movedAside;
  }

  public Path file() {
    return file;
  }

  private long queryLong(String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.getLong(1);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      log.warn("closing the outbox: {}", e.getMessage());
    }
  }
}
