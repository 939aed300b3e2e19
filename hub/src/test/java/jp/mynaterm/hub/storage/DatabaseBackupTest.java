package jp.mynaterm.hub.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.storage.migration.V6_8__Counter_records_become_counts;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A hub's backup put back is the database as it was then, on SQLite and on a real PostgreSQL; an upgrade backs up first. */
class DatabaseBackupTest {
  @TempDir static Path dir;
  private static StorageSettings settings(String kind, String name) throws Exception {
    return BothDatabases.fresh(kind, dir, name);
  }

  @ParameterizedTest
  @MethodSource("jp.mynaterm.hub.storage.BothDatabases#kinds")
  void aRestoredBackupIsTheDatabaseAsItWasWhenBackedUp(String kind) throws Exception {
    StorageSettings s = settings(kind, "restore_" + kind);
    Path backup = DatabaseBackup.fileIn(dir.resolve("backups-" + kind), "backup", s, Instant.now());
    try (Database db = Database.open(s)) {
      ListRepository lists = new ListRepository(db);
      lists.changeRevocations("revocation", List.of("0a"), List.of(), (f, t) -> "[]");
      DatabaseBackup.backup(s, backup); // while the hub's pools are open, as `hub backup` runs beside a hub
      lists.changeRevocations("revocation", List.of("0b"), List.of(), (f, t) -> "[]");
      assertEquals(List.of("0a", "0b"), lists.revokedEntries());
    }
    DatabaseBackup.restore(s, backup);
    try (Database db = Database.open(s)) {
      assertEquals(List.of("0a"), new ListRepository(db).revokedEntries(), "what came after the backup is gone, what came before is back");
    }
  }

  /**
   * SQLite refuses a backup of another page size into a file in WAL mode: a backup from a hub before
   * 16 KiB pages (4 KiB) goes back over a file this hub made, and a backup goes back where the file is gone.
   */
  @Test
  void aBackupOfAnotherPageSizeOrIntoAMissingFileIsPutBack() throws Exception {
    Path old = dir.resolve("pages/old.db");
    Files.createDirectories(old.getParent());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement st = c.createStatement()) {
      st.execute("PRAGMA page_size = 4096"); // as a hub before this one made its files
      st.execute("PRAGMA journal_mode = WAL");
    }
    StorageSettings oldHub = new StorageSettings("jdbc:sqlite:" + old, null, null);
    Path backup = dir.resolve("pages/old-backup.db");
    try (Database db = Database.open(oldHub)) {
      new ListRepository(db).changeRevocations("revocation", List.of("0a"), List.of(), (f, t) -> "[]");
      DatabaseBackup.backup(oldHub, backup);
    }

    StorageSettings newHub = new StorageSettings("jdbc:sqlite:" + dir.resolve("pages/new.db"), null, null);
    try (Database db = Database.open(newHub)) {
      new ListRepository(db).changeRevocations("revocation", List.of("0b"), List.of(), (f, t) -> "[]");
    }
    DatabaseBackup.restore(newHub, backup);
    try (Database db = Database.open(newHub)) {
      assertEquals(List.of("0a"), new ListRepository(db).revokedEntries(), "the 4 KiB backup over a 16 KiB file");
    }

    StorageSettings gone = new StorageSettings("jdbc:sqlite:" + dir.resolve("pages/new-disk/hub.db"), null, null);
    DatabaseBackup.restore(gone, backup);
    try (Database db = Database.open(gone)) {
      assertEquals(List.of("0a"), new ListRepository(db).revokedEntries(), "the backup where no file was");
    }
  }

  /** An upgrade's new migrations run only after a copy of the database at its old schema version was taken. */
  @Test
  void aDatabaseWithPendingMigrationsIsBackedUpBeforeItIsMigrated() throws Exception {
    StorageSettings s = settings("sqlite", "upgrade");
    Flyway.configure(Database.class.getClassLoader()).dataSource(s.url(), null, null).locations(Database.MIGRATIONS)
        .javaMigrations(new V6_8__Counter_records_become_counts()).target("6").load().migrate(); // the previous release's schema
    Path backups = dir.resolve("upgrade-backups");
    try (Database db = Database.open(s, backups)) {
      new ListRepository(db).changeRevocations("revocation", List.of("0c"), List.of(), (f, t) -> "[]");
    }
    List<Path> taken;
    try (Stream<Path> files = Files.list(backups)) {
      taken = files.toList();
    }
    assertEquals(1, taken.size(), "one backup: " + taken);
    assertTrue(taken.get(0).getFileName().toString().startsWith("before-migration-6-"), taken.get(0).toString());
    assertEquals("6", maxVersion("jdbc:sqlite:" + taken.get(0)), "the copy is at the old version");
    try (Database db = Database.open(s, backups); Stream<Path> files = Files.list(backups)) {
      assertEquals(1, files.count(), "nothing pending, no second backup");
    }
  }

  private static String maxVersion(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }
}
