package jp.mynaterm.hub.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jp.mynaterm.hub.storage.migration.V6_8__Counter_records_become_counts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import jp.mynaterm.config.SqliteUrl;
import jp.mynaterm.config.StorageSettings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The hub's database: SQLite (one file, WAL, synchronous=FULL) by default, PostgreSQL by JDBC URL, one
 * schema for both, migrated by Flyway from {@code db/migration/hub}. Connections come from HikariCP
 * pools, so a connection the server dropped (a PostgreSQL restart) is replaced instead of retried
 * forever. The repositories borrow a connection per call ({@link #read}) or per transaction
 * ({@link #write}); work that spans repositories passes the transaction's connection along.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  static final String MIGRATIONS = "classpath:db/migration/hub";
  /** The page size of a database file the hub creates (see {@link #prepareFile}). */
  static final int PAGE_SIZE = 16_384;

  /** The version the hand-rolled migrations (table schema_version) last reached; Flyway continues after it. */
  static final int LAST_HAND_ROLLED = 3;

  /** Work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** One row of a result as a value. */
  @FunctionalInterface
  public interface Row<T> {
    T of(ResultSet rs) throws SQLException;
  }

  /** Work on one connection that returns nothing. */
  @FunctionalInterface
  public interface Step {
    void run(Connection c) throws SQLException;

    Step NOTHING = c -> {};
  }

  private final String url;
  private final HikariDataSource writers;
  private final HikariDataSource readers;
  /** SQLite only: copies the write-ahead log into the file beside the writer; null for PostgreSQL. */
  private final WalCheckpointer checkpointer;

  private Database(String url, HikariDataSource writers, HikariDataSource readers, WalCheckpointer checkpointer) {
    this.url = url;
    this.writers = writers;
    this.readers = readers;
    this.checkpointer = checkpointer;
  }

  /**
   * Opens the pools and brings the schema up to the newest migration (baselining a database the old
   * migrations made); before migrating a database forward, backs it up beside a SQLite file (in
   * {@code backups/}) and not at all for PostgreSQL: the hub itself names a directory ({@link #open(StorageSettings, Path)}).
   */
  public static Database open(StorageSettings settings) throws SQLException {
    return open(settings, null);
  }

  /**
   * {@link #open(StorageSettings)}, backing the database up into {@code backups} (created if missing)
   * before Flyway applies a migration to a database that has a schema already: upgrading the hub's
   * package then never leaves only a migrated database behind (DatabaseBackup; `mynaterm rollback`).
   */
  public static Database open(StorageSettings settings, Path backups) throws SQLException {
    String url = settings.url();
    boolean sqlite = url.startsWith("jdbc:sqlite:");
    DataSource writeSource = sqlite ? sqliteWriter(url, prepareFile(url)) : postgres(settings);
    if (backups == null && sqlite) backups = sqliteFile(url).resolveSibling("backups");
    migrate(writeSource, settings, backups);
    HikariDataSource writers = null;
    try {
      if (sqlite) {
        // SQLite has one writer at a time per file. One pooled writer makes the hub's writes queue in
        // the pool (in order, without SQLITE_BUSY) rather than on the file lock; its transactions
        // start IMMEDIATE, so another process writing waits there (busy_timeout), never mid-way.
        // Readers get their own pool: WAL lets them read beside the writer.
        writers = pool("hub-db-write", writeSource, 1);
        return new Database(url, writers, pool("hub-db-read", sqliteSource(url), 4), WalCheckpointer.start(sqliteSource(url)));
      }
      // PostgreSQL: one pool for both; the server locks rows, and writers to one list queue on its
      // version row (ListRepository), so several hubs and threads may write at once.
      writers = pool("hub-db", writeSource, 10);
      return new Database(url, writers, writers, null);
    } catch (RuntimeException e) {
      if (writers != null) writers.close();
      throw new SQLException("cannot open " + redact(url) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file's directory, and for a new file its page size: 16 KiB ({@link #PAGE_SIZE}; SQLite's default
   * is 4), set before anything is written, since WAL mode fixes it. A backlog's rides, each a row in
   * events and in taxi_charge and their indexes, then split and rewrite fewer pages. Measured on the
   * writer's path alone (EventRepository and TaxiFares, 100,000 rides from 20 terminals in batches of
   * 2,000, the third round in one JVM): 37,000 rides/s at 4 KiB, 48,000 at 16. A file made before
   * keeps its size (SQLite changes it only by VACUUM outside WAL mode); everything works with either.
   * Returns the file's page size. SQLite itself says whether the file is new (no pages yet), asked
   * without the URL's own settings, one of which could be a journal mode set before the page size.
   */
  private static int prepareFile(String url) throws SQLException {
    Path file = sqliteFile(url);
    try (Connection c = bareConnection(file);
        Statement s = c.createStatement()) {
      if (pragma(s, "page_count") == 0) {
        s.execute("PRAGMA page_size = " + PAGE_SIZE);
        s.execute("PRAGMA journal_mode = WAL");
      }
      return pragma(s, "page_size");
    } catch (SQLException e) {
      throw new SQLException("cannot open or create " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A connection to a SQLite file without the hub's pragmas, its directory created: for setting a file
   * up (its page size, a restore) before the pools open it.
   */
  static Connection bareConnection(Path file) throws SQLException {
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new SQLException("cannot create the directory of " + file + ": " + e.getMessage(), e);
    }
    SQLiteDataSource bare = new SQLiteDataSource();
    bare.setUrl("jdbc:sqlite:" + file);
    return bare.getConnection();
  }

  private static int pragma(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /**
   * The file a SQLite URL names ({@link SqliteUrl}: a path or SQLite's URI form, without the driver's
   * {@code ?settings}). Read as a plain path, a URI had the hub set up, back up and restore a file
   * under a directory called {@code file:} while the driver opened the one the URL named.
   */
  static Path sqliteFile(String url) {
    return Path.of(SqliteUrl.parse(url).file()).toAbsolutePath();
  }

  /** A reading connection's source for a SQLite file, with the hub's pragmas (backups and restores). */
  static DataSource sqliteSource(String url) {
    SQLiteDataSource ds = new SQLiteDataSource(sqliteConfig());
    ds.setUrl(url);
    return ds;
  }

  /**
   * The writer's: its transactions begin IMMEDIATE, and it checkpoints the log itself only past 16 MiB
   * (in pages of this file's size), a safety net: the log is copied back by the {@link WalCheckpointer}.
   */
  private static DataSource sqliteWriter(String url, int pageSize) {
    SQLiteConfig config = sqliteConfig();
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(WalCheckpointer.writerPages(pageSize)));
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl(url);
    return ds;
  }

  /** Every connection to the file gets the hub's pragmas (they hold per connection, except WAL, which the file keeps). */
  private static SQLiteConfig sqliteConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL); // an ack means on disk
    config.setBusyTimeout(10_000);
    // The driver otherwise runs "SELECT last_insert_rowid()" after every INSERT in case someone asks for
    // generated keys; the hub never does (its keys are its own), and that was a fifth of a ride's cost.
    config.setGetGeneratedKeys(false);
    // 32 MiB of page cache: inserts from many terminals at once land all over the primary key.
    config.setCacheSize(-32768);
    return config;
  }

  private static DataSource postgres(StorageSettings settings) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(settings.url());
    if (settings.user() != null) ds.setUser(settings.user());
    if (settings.password() != null) ds.setPassword(settings.password());
    return ds;
  }

  private static HikariDataSource pool(String name, DataSource source, int size) {
    HikariConfig c = new HikariConfig();
    c.setPoolName(name);
    c.setDataSource(source);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(1);
    // While the server is away a borrower gives up after this and ingest retries its batch; Hikari
    // keeps trying to connect in the background and hands out only connections that are alive.
    c.setConnectionTimeout(5_000);
    c.setValidationTimeout(2_000);
    return new HikariDataSource(c);
  }

  /**
   * Flyway over unpooled connections (it opens its own, and locks its history table while it
   * migrates, so hubs starting at once on one database take turns). A database the hand-rolled
   * migrations made (table schema_version, no Flyway history) is baselined at its version there.
   */
  private static void migrate(DataSource source, StorageSettings settings, Path backups) throws SQLException {
    String url = settings.url();
    OptionalInt handRolled = handRolledVersion(source);
    var config = Flyway.configure(Database.class.getClassLoader()).dataSource(source).locations(MIGRATIONS)
        .javaMigrations(new V6_8__Counter_records_become_counts(), new V8_6__Month_counts_from_stored_events()).loggers("slf4j");
    if (handRolled.isPresent()) {
      config = config.baselineOnMigrate(true).baselineVersion(Integer.toString(handRolled.getAsInt()))
          .baselineDescription("schema_version " + handRolled.getAsInt() + " (before Flyway)");
    }
    try {
      Flyway flyway = config.load();
      backUpBeforeMigrating(flyway, source, settings, backups, handRolled.isPresent());
      var result = flyway.migrate();
      log.info("storage {} at schema version {} ({} migrations applied now)", redact(url),
          result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion, result.migrationsExecuted);
    } catch (FlywayException e) {
      throw new SQLException("migrating " + redact(url) + " failed: " + e.getMessage(), e);
    }
  }

  /** A database with a schema and migrations pending is copied first; a new (empty) one has nothing to keep. */
  private static void backUpBeforeMigrating(Flyway flyway, DataSource source, StorageSettings settings, Path backups, boolean handRolled)
      throws SQLException {
    var info = flyway.info();
    if (info.pending().length == 0 || (info.current() == null && !handRolled)) return;
    if (backups == null) {
      log.warn("storage {}: migrating without a backup first (no backup directory given)", redact(settings.url()));
      return;
    }
    String from = info.current() == null ? "hand-rolled" : info.current().getVersion().getVersion();
    Path target = DatabaseBackup.fileIn(backups, "before-migration-" + from, settings, java.time.Instant.now());
    try {
      if (settings.url().startsWith("jdbc:sqlite:")) {
        Files.createDirectories(backups);
        DatabaseBackup.backupSqlite(source, target);
      } else {
        DatabaseBackup.backup(settings, target);
      }
    } catch (IOException e) {
      throw new SQLException("backing up " + redact(settings.url()) + " before migrating failed, so it was not migrated: " + e.getMessage(), e);
    }
    log.info("storage {}: backed up to {} before migrating from schema version {} ({} migrations pending)",
        redact(settings.url()), target, from, info.pending().length);
  }

  /** The version recorded by the hand-rolled migrations, if this database has their table and no Flyway history yet. */
  private static OptionalInt handRolledVersion(DataSource source) throws SQLException {
    try (Connection c = source.getConnection()) {
      if (!hasTable(c, "schema_version") || hasTable(c, "flyway_schema_history")) return OptionalInt.empty();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
        if (!rs.next() || rs.getInt(1) == 0) return OptionalInt.empty();
        int version = rs.getInt(1);
        if (version > LAST_HAND_ROLLED) throw new SQLException("schema_version says " + version + "; this hub knows up to " + LAST_HAND_ROLLED);
        return OptionalInt.of(version);
      }
    }
  }

  private static boolean hasTable(Connection c, String name) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), name, new String[] {"TABLE"})) {
      return rs.next();
    }
  }

  static String redact(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }

  /** The JDBC URL, any password in it masked. */
  public String url() {
    return redact(url);
  }

  /** Reads on a pooled connection in autocommit. */
  public <T> T read(Work<T> work) throws SQLException {
    try (Connection c = readers.getConnection()) {
      return work.run(c);
    }
  }

  /** Every row of one query with {@code params} bound in order. */
  public <T> List<T> list(String sql, Row<T> row, Object... params) throws SQLException {
    return read(c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) p.setObject(i + 1, params[i]);
        List<T> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) out.add(row.of(rs));
        }
        return out;
      }
    });
  }

  /** The first row of one query, if any. */
  public <T> Optional<T> first(String sql, Row<T> row, Object... params) throws SQLException {
    return list(sql, row, params).stream().findFirst();
  }

  /** One statement in a transaction of its own; returns the rows it changed. */
  public int update(String sql, Object... params) throws SQLException {
    return write(c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) p.setObject(i + 1, params[i]);
        return p.executeUpdate();
      }
    });
  }

  /** Writes in one transaction: committed if {@code work} returns, rolled back if it throws. */
  public <T> T write(Work<T> work) throws SQLException {
    try (Connection c = writers.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } // the pool sets autocommit back when the connection returns
    }
  }

  /** Work of a background job that must not run on two hubs at once. */
  public interface Job {
    void run() throws SQLException;
  }

  /**
   * Runs {@code job} unless another hub on this database is running the job of the same name now, and
   * says whether it ran. On PostgreSQL (several hubs may share it) a session advisory lock keyed by the
   * name, held on a pooled connection for the job's length: a hub that dies mid-job lets it go with its
   * connection. On SQLite (one hub per file) it always runs.
   */
  public boolean alone(String name, Job job) throws SQLException {
    if (url.startsWith("jdbc:sqlite:")) {
      job.run();
      return true;
    }
    try (Connection c = readers.getConnection()) {
      if (!advisory(c, "pg_try_advisory_lock", name)) return false;
      try {
        job.run();
        return true;
      } finally {
        advisory(c, "pg_advisory_unlock", name);
      }
    }
  }

  private static boolean advisory(Connection c, String function, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + function + "(hashtext(?))")) {
      p.setString(1, "mynaterm:" + name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** {@link #write(Work)} for work without a result. */
  public void commit(Step step) throws SQLException {
    write(c -> {
      step.run(c);
      return null;
    });
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e); // the connection is gone; the pool replaces it
    }
  }

  @Override
  public void close() {
    if (checkpointer != null) checkpointer.close();
    if (readers != writers) readers.close();
    writers.close();
  }
}
