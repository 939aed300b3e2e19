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
 * the moment it returns. A file that cannot be opened (corrupt, not a database) is moved aside with
 * its WAL and kept for inspection, never deleted; the agent then starts a fresh one.
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

  private SqliteFile() {}

  public static Opened open(Path file, Schema schema) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try {
      return new Opened(connect(file, schema), null);
    } catch (SQLException first) {
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

  private static Path moveAside(Path file) throws IOException {
    String suffix = ".broken-" + STAMP.format(Instant.now());
    Path aside = file.resolveSibling(file.getFileName() + suffix);
    for (int n = 1; Files.exists(aside); n++) aside = file.resolveSibling(file.getFileName() + suffix + "-" + n);
    Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    for (String extra : new String[] {"-wal", "-shm"}) {
      Path side = file.resolveSibling(file.getFileName() + extra);
      if (Files.exists(side)) Files.move(side, aside.resolveSibling(aside.getFileName() + extra), StandardCopyOption.ATOMIC_MOVE);
    }
    return aside;
  }
}
