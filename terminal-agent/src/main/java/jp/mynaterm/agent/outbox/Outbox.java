package jp.mynaterm.agent.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.UUID;
import jp.mynaterm.agent.store.SqliteFile;
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.Ack;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Events;
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
 * <p>Sequences start at 1 and never repeat within the outbox's epoch: a random id made when the file
 * is created, stored in it and sent with every batch. A new file (a re-imaged terminal, or one made
 * after a damaged file was set aside) starts again at 1 in a new epoch, so the hub never mistakes its
 * events for repeats of the old file's. A file made before epochs keeps {@link Events#LEGACY_EPOCH},
 * the epoch the hub gave the events it stored before epochs.
 *
 * <p>Nothing unsendable blocks the rest: an event the hub refused, one that no longer reads, or one
 * too large for a message is set aside (kept, with its reason, in table set_aside) and counted.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final Connection db;
  private final OutboxSettings settings;
  private final Clock clock;
  private final Path file;
  private final Path movedAside;
  private final String epoch;
  /** Whether the file is in WAL mode: only then may an ack's commit skip waiting for the disk. */
  private final boolean wal;
  /** Whether the connection is at synchronous=NORMAL (an ack's commit): set back before anything else is written. */
  private boolean relaxed;
  private long depth;
  private boolean warned;

  private Outbox(Path file, SqliteFile.Opened opened, OutboxSettings settings, Clock clock) throws SQLException {
    this.file = file;
    this.db = opened.connection();
    this.movedAside = opened.movedAside();
    this.settings = settings;
    this.clock = clock;
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM epoch")) {
      this.epoch = rs.getString(1);
    }
    this.depth = queryLong("SELECT count(*) FROM outbox");
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      this.wal = "wal".equalsIgnoreCase(rs.getString(1));
    }
  }

  /**
   * Opens (or creates) the outbox file. A damaged file (not a database, failing quick_check) is moved
   * aside and kept; any other failure to open throws {@link SqliteFile.Unavailable} and moves nothing.
   */
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

  /**
   * A new outbox at {@code into} holding what can still be read from a set-aside file {@code damaged}:
   * its epoch and its unsent events under their own sequences, so sending them again doubles nothing
   * at the hub (what it already has comes back as repeats). Rows that no longer read are set aside in
   * the new outbox with their reason; the damaged file is only read. Throws if nothing can be read.
   */
  public static Outbox salvage(Path damaged, Path into, OutboxSettings settings) throws IOException {
    List<String[]> rows = new ArrayList<>(); // seq, created_ms, record
    String epoch;
    org.sqlite.SQLiteConfig readOnly = new org.sqlite.SQLiteConfig();
    readOnly.setReadOnly(true);
    try (Connection old = java.sql.DriverManager.getConnection("jdbc:sqlite:" + damaged.toAbsolutePath(), readOnly.toProperties());
        Statement s = old.createStatement()) {
      epoch = Events.LEGACY_EPOCH; // a file from before epochs
      try (ResultSet rs = s.executeQuery("SELECT id FROM epoch")) {
        if (rs.next()) epoch = rs.getString(1);
      } catch (SQLException e) {
        if (!SqliteFile.firstLine(e.getMessage()).contains("no such table")) throw e;
      }
      try (ResultSet rs = s.executeQuery("SELECT seq, created_ms, record FROM outbox ORDER BY seq")) {
        while (rs.next()) rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      } catch (SQLException e) {
        if (rows.isEmpty()) throw e;
        log.error("{}: stopped reading after {} events at a damaged page ({}); the rest cannot be recovered", damaged, rows.size(), SqliteFile.firstLine(e.getMessage()));
      }
    } catch (SQLException e) {
      throw new IOException("cannot read events from " + damaged + ": " + SqliteFile.firstLine(e.getMessage()), e);
    }
    Outbox out = open(into, settings);
    try {
      out.db.setAutoCommit(false);
      try (Statement s = out.db.createStatement();
          PreparedStatement p = out.db.prepareStatement("INSERT INTO outbox (seq, created_ms, record) VALUES (?, ?, ?)");
          PreparedStatement e = out.db.prepareStatement("UPDATE epoch SET id = ?")) {
        s.execute("DELETE FROM outbox");
        e.setString(1, epoch);
        e.executeUpdate();
        long next = 1;
        for (String[] row : rows) {
          p.setLong(1, Long.parseLong(row[0]));
          p.setLong(2, Long.parseLong(row[1]));
          p.setString(3, row[2]);
          p.addBatch();
          next = Math.max(next, Long.parseLong(row[0]) + 1);
        }
        p.executeBatch();
        s.execute("UPDATE counter SET next_seq = " + next);
      }
      out.db.commit();
      SqliteFile.autoCommitQuietly(out.db);
      out.close();
      return open(into, settings);
    } catch (SQLException | RuntimeException e) {
      SqliteFile.rollbackQuietly(out.db);
      out.close();
      throw new IOException("cannot write the recovered events to " + into + ": " + SqliteFile.firstLine(e.getMessage()), e);
    }
  }

  private static void schema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      boolean existed;
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'counter'")) {
        existed = rs.getLong(1) > 0;
      }
      s.execute("CREATE TABLE IF NOT EXISTS epoch (id TEXT NOT NULL)");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO epoch (id) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM epoch)")) {
        // A file from before epochs: its events may be stored at the hub already, under the legacy epoch.
        p.setString(1, existed ? Events.LEGACY_EPOCH : UUID.randomUUID().toString());
        p.executeUpdate();
      }
      s.execute("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, created_ms INTEGER NOT NULL, record TEXT NOT NULL)");
      // Each row's CRC-32C, made as it is written: a row read back is checked against it rather than
      // parsed again, a fifth of what a terminal spent draining a backlog, and a digit changed on disk,
      // which still parses, is caught. Rows written before the column came (NULL) are parsed as before.
      boolean hasCrc;
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pragma_table_info('outbox') WHERE name = 'crc'")) {
        hasCrc = rs.getLong(1) > 0;
      }
      if (!hasCrc) s.execute("ALTER TABLE outbox ADD COLUMN crc INTEGER");
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
    relax(false);
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
      relax(false); // after an ack's commit (see acknowledge): an event's commit waits for the disk
      db.setAutoCommit(false);
      seq = queryLong("SELECT next_seq FROM counter");
      try (PreparedStatement p = db.prepareStatement("INSERT INTO outbox (seq, created_ms, record, crc) VALUES (?, ?, ?, ?)")) {
        for (UsageEvent event : events) {
          String json = MessageCodec.write(new EventRecord(seq, time, event));
          p.setLong(1, seq);
          p.setLong(2, now);
          p.setString(3, json);
          p.setLong(4, crc(json.getBytes(StandardCharsets.UTF_8)));
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

  /**
   * synchronous=NORMAL for an ack's commit ({@link #acknowledge}), FULL for everything else. Changed
   * only when it differs: SQLite refuses the pragma inside a transaction, and a write need not set it
   * again each time.
   */
  private void relax(boolean relax) throws SQLException {
    if (relax == relaxed) return;
    try (Statement s = db.createStatement()) {
      s.execute(relax ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL");
    }
    relaxed = relax;
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

  /**
   * Up to {@code max} events with a sequence above {@code afterSeq}, oldest first, as stored. A row that
   * is no longer what was written (its CRC differs) or, written without one, no longer reads as an event
   * (bad JSON, a type this version does not know: {@link MessageCodec#checkEventRecord}) is set aside
   * with its reason and skipped, so it cannot stop delivery of the rest; one with a bad field value
   * the hub names in its ack, and it is set aside then.
   */
  public synchronized List<Pending> after(long afterSeq, int max) {
    List<Pending> out = new ArrayList<>();
    List<Rejected> unreadable = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT seq, created_ms, record, crc FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?")) {
      p.setLong(1, afterSeq);
      p.setInt(2, max);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          byte[] json = rs.getBytes(3); // the stored UTF-8, not decoded into a String to be encoded again
          long crc = rs.getLong(4);
          try {
            if (rs.wasNull()) MessageCodec.checkEventRecord(json);
            else if (crc(json) != crc) throw new IOException("changed since it was written (CRC-32C)");
            out.add(new Pending(rs.getLong(1), rs.getLong(2), json));
          } catch (IOException | RuntimeException e) {
            unreadable.add(new Rejected(rs.getLong(1), "unreadable: " + SqliteFile.firstLine(e.getMessage())));
          }
        }
      }
    } catch (SQLException e) {
      log.error("cannot read the outbox: {}", e.getMessage());
    }
    if (!unreadable.isEmpty()) setAside(unreadable);
    return out;
  }

  private static long crc(byte[] bytes) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes);
    return crc.getValue();
  }

  /** The hub's ack, if it is for this outbox's epoch (an ack for another epoch's sequences deletes nothing here). */
  public int acknowledge(Ack ack) {
    if (!ack.epoch().equals(epoch)) {
      log.info("ignored an ack for outbox epoch {} (this outbox is epoch {})", ack.epoch(), epoch);
      return 0;
    }
    return acknowledge(ack.committed(), ack.rejected());
  }

  /** Keeps these events aside with their reasons (refused, unreadable, too large) instead of sending them. */
  public synchronized int setAside(List<Rejected> events) {
    return acknowledge(List.of(), events);
  }

  /**
   * Deletes what the hub committed; sets aside (keeps) what it refused for good. Returns rows removed.
   *
   * <p>In WAL mode, committed without waiting for the disk (synchronous=NORMAL for this transaction; WAL
   * keeps the file whole at that setting): a delete a power cut takes back only has those events sent
   * again, and the hub acks repeats without storing them twice; the next append's commit, which does
   * wait, makes it durable too. Waiting for the disk here held the outbox for 2 to 30 ms an ack, and the
   * sender with it.
   */
  private synchronized int acknowledge(List<SeqRange> committed, List<Rejected> rejected) {
    int removed = 0;
    try {
      if (wal && db.getAutoCommit()) relax(true);
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
        for (Rejected r : rejected) log.warn("event {} set aside in the outbox, not sent again ({})", r.seq(), r.reason());
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
      try {
        relax(false);
      } catch (SQLException e) {
        log.error("cannot set the outbox back to waiting for the disk ({}); the next append tries again or refuses", e.getMessage());
      }
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

  /** Events set aside (refused by the hub, unreadable, too large), kept for an operator. */
  public synchronized long setAsideCount() {
    try {
      return queryLong("SELECT count(*) FROM set_aside");
    } catch (SQLException e) {
      return 0;
    }
  }

  /** Where the previous, damaged file was moved when this one was opened; null if it was fine. */
  public Path movedAside() {
    return movedAside;
  }

  /** The epoch of this outbox's sequences, sent with every batch. */
  public String epoch() {
    return epoch;
  }

  /**
   * Damaged outbox files set aside beside this one and not recovered yet (their events reach the hub
   * with {@code ./mynaterm agent recover FILE}, which then renames them {@code …recovered}).
   */
  public List<Path> setAsideFiles() {
    return SqliteFile.setAside(file);
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
