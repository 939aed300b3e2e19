package jp.mynaterm.hub.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the SQLite hub's write-ahead log into the database file on its own thread, so the writer's
 * commits do not. SQLite's default has the connection whose commit takes the log past 1,000 pages
 * copy it back and fsync the file inside that commit: under a terminal's backlog that was every few
 * batches, a commit several times as long as the others, and the ingest writer (one thread, the hub's
 * pace) waiting on it. A passive checkpoint beside the writer takes no lock the writer needs; the
 * writer's own checkpoint stays as a safety net at 16 MiB of log, should this thread fall
 * behind (a reader holding an old snapshot keeps a passive checkpoint from finishing).
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
  /** The writer checkpoints itself past this much log (see {@link #writerPages}). */
  private static final int WRITER_LOG_BYTES = 16 * 1024 * 1024;
  /** Often enough that the log stays a few MiB under a backlog, rarely enough to cost nothing idle. */
  static final Duration INTERVAL = Duration.ofMillis(250);

  private final DataSource source;
  private final Thread thread;
  private volatile boolean closed;

  private WalCheckpointer(DataSource source) {
    this.source = source;
    this.thread = Thread.ofPlatform().name("hub-db-checkpoint").daemon().start(this::run);
  }

  /** SQLite's wal_autocheckpoint for the writer of a file with pages of {@code pageSize} bytes: 16 MiB of log. */
  static int writerPages(int pageSize) {
    return WRITER_LOG_BYTES / pageSize;
  }

  /** Starts checkpointing the file {@code source} opens. */
  static WalCheckpointer start(DataSource source) {
    return new WalCheckpointer(source);
  }

  private void run() {
    Connection c = null;
    boolean failing = false;
    while (!closed) {
      try {
        if (c == null) c = source.getConnection();
        checkpoint(c);
        if (failing) log.info("checkpointing the hub database's log works again");
        failing = false;
      } catch (SQLException e) {
        // The file may be unavailable for a while (a full disk): a fresh connection next time, one line
        // in the log for the whole while; meanwhile the writer's safety net keeps the log bounded.
        if (!failing) log.warn("checkpointing the hub database's log failed (tried again every {} ms): {}", INTERVAL.toMillis(), e.getMessage());
        failing = true;
        closeQuietly(c);
        c = null;
      }
      synchronized (this) {
        try {
          if (!closed) wait(INTERVAL.toMillis());
        } catch (InterruptedException e) {
          break;
        }
      }
    }
    closeQuietly(c);
  }

  /** One passive checkpoint: copies into the file what no reader still needs from the log. */
  private static void checkpoint(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(PASSIVE)");
    }
  }

  private static void closeQuietly(Connection c) {
    if (c == null) return;
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("closing the checkpoint connection: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
