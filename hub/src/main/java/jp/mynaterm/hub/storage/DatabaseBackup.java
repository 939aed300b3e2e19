package jp.mynaterm.hub.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import jp.mynaterm.config.StorageSettings;

/**
 * A copy of the hub's database while the hub runs, and putting one back while it is stopped. SQLite:
 * the online backup API (xerial's {@code backup to FILE}), a consistent copy page by page while writers
 * go on. PostgreSQL: {@code pg_dump --format=custom}, one snapshot transaction, and {@code pg_restore
 * --clean} into the same database. The hub takes one itself before Flyway migrates a database forward
 * ({@link Database#open(StorageSettings, Path)}), so an upgrade can be undone.
 */
public final class DatabaseBackup {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private DatabaseBackup() {}

  /** Whether the URL names a SQLite file (else PostgreSQL). */
  static boolean sqlite(String url) {
    return url.startsWith("jdbc:sqlite:");
  }

  /** The file name a backup gets: {@code PREFIX-TIME.db} (SQLite) or {@code .dump} (pg_dump's custom format). */
  public static Path fileIn(Path dir, String prefix, StorageSettings storage, Instant at) {
    return dir.resolve(prefix + "-" + STAMP.format(at) + (sqlite(storage.url()) ? ".db" : ".dump"));
  }

  /** Copies the database to {@code target} (which must not exist) while the hub may run. */
  public static void backup(StorageSettings storage, Path target) throws IOException, SQLException {
    if (Files.exists(target)) throw new IOException(target + " exists: a backup never overwrites one");
    if (target.toAbsolutePath().getParent() != null) Files.createDirectories(target.toAbsolutePath().getParent());
    if (sqlite(storage.url())) {
      backupSqlite(Database.sqliteSource(storage.url()), target);
    } else {
      pg(storage, List.of("pg_dump", "--format=custom", "--no-owner", "--file=" + target), "pg_dump");
    }
  }

  /** SQLite's online backup through a connection of {@code source}. */
  static void backupSqlite(DataSource source, Path target) throws SQLException {
    try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("backup to '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
    }
  }

  /**
   * Puts {@code backup} back as the whole database; the hub must be stopped (its open connections
   * would keep the old pages). SQLite: see {@link #restoreSqlite}; PostgreSQL: pg_restore dropping and
   * re-creating each object.
   */
  public static void restore(StorageSettings storage, Path backup) throws IOException, SQLException {
    if (!Files.isRegularFile(backup)) throw new IOException(backup + ": no such backup");
    if (sqlite(storage.url())) {
      restoreSqlite(Database.sqliteFile(storage.url()), backup);
    } else {
      pg(storage, List.of("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", backup.toString()), "pg_restore");
    }
  }

  /**
   * The backup API the other way ({@code restore from}) into a new file beside the database, without a
   * write-ahead log, so it takes the backup's page size whatever the database's (into a file in WAL
   * mode SQLite refuses a backup of another page size: a backup from before the hub made its files with
   * 16 KiB pages, or a new backup put back where the file is gone). That file then replaces the
   * database; the database's log goes first, since its pages belong to the file being replaced.
   */
  private static void restoreSqlite(Path file, Path backup) throws IOException, SQLException {
    Path restoring = file.resolveSibling(file.getFileName() + ".restoring");
    Files.deleteIfExists(restoring);
    try (Connection c = Database.bareConnection(restoring); Statement s = c.createStatement()) {
      s.executeUpdate("restore from '" + backup.toAbsolutePath().toString().replace("'", "''") + "'");
      s.execute("PRAGMA journal_mode = WAL");
    } catch (SQLException e) {
      Files.deleteIfExists(restoring);
      throw e;
    }
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
    Files.move(restoring, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Runs a PostgreSQL client tool against the database of a JDBC URL: host, port and database as
   * arguments, user and password in libpq's variables (never on the command line, where ps shows them).
   */
  private static void pg(StorageSettings storage, List<String> tool, String name) throws IOException {
    URI u = URI.create(storage.url().substring("jdbc:".length()));
    List<String> cmd = new ArrayList<>(tool);
    cmd.add(1, "--dbname=" + u.getPath().substring(1));
    if (u.getHost() != null) cmd.add(1, "--host=" + u.getHost());
    if (u.getPort() > 0) cmd.add(1, "--port=" + u.getPort());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    String user = storage.user() != null ? storage.user() : query(u, "user");
    String password = storage.password() != null ? storage.password() : query(u, "password");
    if (user != null) env.put("PGUSER", user);
    if (password != null) env.put("PGPASSWORD", password);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException(name + " could not be started (apt-get install postgresql-client): " + e.getMessage(), e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      if (p.waitFor() != 0) throw new IOException(name + " failed (exit " + p.exitValue() + "): " + out);
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new IOException(name + " interrupted", e);
    }
  }

  private static String query(URI u, String key) {
    if (u.getRawQuery() == null) return null;
    for (String pair : u.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(key)) {
        return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
