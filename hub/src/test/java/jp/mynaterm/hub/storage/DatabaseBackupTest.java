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
