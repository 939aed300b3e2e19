package jp.mynaterm.agent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the agent's SQLite files durably: WAL and synchronous=FULL, so a commit survives a power cut
 * the moment it returns (but the outbox's deletes of acknowledged events: see Outbox#acknowledge). Only a damaged file (not a database, or failing {@code PRAGMA quick_check})
 * is moved aside with its WAL and kept, never deleted; the agent then starts a fresh one. Any other
 * failure (busy, cannot open, I/O error, disk full, read-only) says nothing about the file: moving it
 * aside would hide good data, so opening refuses with {@link Unavailable} and the agent does not start.
 */
public final class SqliteFile {
  private static final Logger log = LoggerFactory.getLogger(SqliteFile.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** An open connection, and where the previous file went if it had to be moved aside. */
  public record Opened(Connection connection, Path movedAside) {
    public boolean wasMovedAside() {
      return movedAside != null;
    }
  }

  /** A check that the file holds what this code expects; throws SQLException if it does not. */
  @FunctionalInterface
  public interface Schema {
    void apply(Connection c) throws SQLException;
  }

  /** The file could not be opened for a reason that is not its content: one line saying which and why. */
  public static final class Unavailable extends IOException {
    public Unavailable(Path file, SQLException cause) {
      super("cannot open " + file + " (" + primaryName(cause) + ": " + firstLine(cause.getMessage())
          + "); it is left as it is: free the file, the disk or its permissions and start again", cause);
    }
  }

  /** The file is damaged: its content, not its surroundings, is at fault. */
  private static final class Damaged extends SQLException {
    Damaged(String reason) {
      super(reason);
    }
  }

  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_NOTADB = 26;

  private SqliteFile() {}

  public static Opened open(Path file, Schema schema) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try {
      return new Opened(connect(file, schema), null);
    } catch (SQLException first) {
      if (!damaged(first)) throw new Unavailable(file, first);
      Path aside = moveAside(file);
      log.error("cannot open {} ({}); moved it aside to {} and started a new one", file, first.getMessage(), aside);
      try {
        return new Opened(connect(file, schema), aside);
      } catch (SQLException second) {
        throw new IOException("cannot create a new database at " + file + ": " + second.getMessage(), second);
      }
    }
  }

  private static Connection connect(Path file, Schema schema) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        // Reading a page proves the file is a database, not just a file SQLite could open lazily.
        s.executeQuery("SELECT count(*) FROM sqlite_master").close();
        try (var rs = s.executeQuery("PRAGMA quick_check")) {
          String result = rs.next() ? rs.getString(1) : "no answer";
          if (!"ok".equals(result)) throw new Damaged("quick_check: " + firstLine(result));
        }
      }
      schema.apply(c);
      return c;
    } catch (SQLException | RuntimeException e) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // The file is going aside anyway.
      }
      throw e instanceof SQLException se ? se : new SQLException(e.getMessage(), e);
    }
  }

  /** Whether a failure to open is the file's content (set it aside) rather than its surroundings. */
  private static boolean damaged(SQLException e) {
    if (e instanceof Damaged) return true;
    int primary = e.getErrorCode() & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
  }

  private static String primaryName(SQLException e) {
    if (e instanceof org.sqlite.SQLiteException se) {
      String name = se.getResultCode().name();
      int cut = name.indexOf('_', "SQLITE_".length());
      return cut < 0 ? name : name.substring(0, cut); // SQLITE_IOERR_SHORT_READ → SQLITE_IOERR
    }
    return "SQLite error " + e.getErrorCode();
  }

  /** The first line of an error text (SQLite and Jackson add context lines that do not belong in a log line). */
  public static String firstLine(String text) {
    if (text == null) return "";
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** Rolls back an open transaction, if any; a failure here is reported by the next statement. */
  public static void rollbackQuietly(Connection c) {
    try {
      if (!c.getAutoCommit()) c.rollback();
    } catch (SQLException ignored) {
      // The connection is unusable; the next statement says so.
    }
  }

  /** Back to autocommit after a transaction; a failure here is reported by the next statement. */
  public static void autoCommitQuietly(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // Reported by the next statement.
    }
  }

  /**
   * The damaged files {@link #open} set aside beside {@code file} and nobody has recovered yet
   * (recovering one renames it with {@link #RECOVERED}), oldest first.
   */
  public static java.util.List<Path> setAside(Path file) {
    String prefix = file.getFileName() + BROKEN;
    try (var siblings = Files.list(file.toAbsolutePath().getParent())) {
      return siblings
          .filter(p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && !name.endsWith("-wal") && !name.endsWith("-shm") && !name.endsWith(RECOVERED);
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      return java.util.List.of();
    }
  }

  /** Marks a set-aside file as recovered (its events reached the hub): renamed, with its WAL, never deleted. */
  public static Path markRecovered(Path aside) throws IOException {
    if (aside.getFileName().toString().endsWith(RECOVERED)) return aside; // recovered again: already marked
    Path done = aside.resolveSibling(aside.getFileName() + RECOVERED);
    moveWithJournal(aside, done);
    return done;
  }

  private static final String BROKEN = ".broken-";
  private static final String RECOVERED = ".recovered";

  private static Path moveAside(Path file) throws IOException {
    String suffix = BROKEN + STAMP.format(Instant.now());
    Path aside = file.resolveSibling(file.getFileName() + suffix);
    for (int n = 1; Files.exists(aside); n++) aside = file.resolveSibling(file.getFileName() + suffix + "-" + n);
    moveWithJournal(file, aside);
    return aside;
  }

  /** A database file and its WAL and shared-memory files, moved together (the WAL may hold commits). */
  private static void moveWithJournal(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    for (String extra : new String[] {"-wal", "-shm"}) {
      Path side = from.resolveSibling(from.getFileName() + extra);
      if (Files.exists(side)) Files.move(side, to.resolveSibling(to.getFileName() + extra), StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
