package jp.mynaterm.hub.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.time.Stamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite file the hub creates gets its larger pages; one made before keeps its own and works as before. */
class PageSizeTest {
  @TempDir Path dir;

  @Test
  void aNewFileHasTheHubsPageSizeInWalMode() throws Exception {
    Path file = dir.resolve("new/hub.db");
    Database.open(new StorageSettings("jdbc:sqlite:" + file, null, null)).close();

    assertEquals(Database.PAGE_SIZE, pragma(file, "page_size"));
    assertEquals("wal", pragmaText(file, "journal_mode"));
  }

  @Test
  void aUrlWithTheDriversSettingsStillMakesTheHubsPages() throws Exception {
    Path file = dir.resolve("settings/hub.db");
    // The URL's journal mode would be set as the connection opens, before any page size could be.
    Database.open(new StorageSettings("jdbc:sqlite:" + file + "?journal_mode=WAL", null, null)).close();

    assertEquals(Database.PAGE_SIZE, pragma(file, "page_size"));
  }

  @Test
  void aUrlInSqlitesUriFormSetsUpTheFileItNames() throws Exception {
    Path file = dir.resolve("uri form/hub.db");
    String uri = file.toUri().getRawPath(); // "/…/uri%20form/hub.db"
    Database.open(new StorageSettings("jdbc:sqlite:file:" + uri + "?cache=private", null, null)).close();

    assertEquals(Database.PAGE_SIZE, pragma(file, "page_size"));
    assertFalse(Files.exists(Path.of("file:")), "nothing set up under a directory named after the URL's scheme");
    assertEquals(file, Database.sqliteFile("jdbc:sqlite:file://" + uri));
    assertEquals(file, Database.sqliteFile("jdbc:sqlite:file://localhost" + uri + "?mode=rw#x"));
  }

  @Test
  void aFileMadeWithSmallerPagesKeepsThemAndStoresEvents() throws Exception {
    Path file = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA page_size = 4096"); // SQLite's default, which hubs before this one made their files with
      s.execute("PRAGMA journal_mode = WAL");
    }

    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + file, null, null))) {
      int ownCheckpointAt = db.write(c -> {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_autocheckpoint")) {
          rs.next();
          return rs.getInt(1);
        }
      });
      assertEquals(4096, ownCheckpointAt, "the writer's safety net at 16 MiB of log in this file's pages too");
      EventRecord ride = new EventRecord(1, "e-1", new Stamp(Instant.parse("2026-12-02T09:00:00Z"), "boot-1", 1, true),
          new RideBoarded(new CardId("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "noriai-1", "shift-1", "adult", 300, null, false));
      new EventRepository(db).store(List.of(new EventRow("taxi-1", "epoch-1", ride)));
      assertEquals(1, db.first("SELECT COUNT(*) FROM events", rs -> rs.getInt(1)).orElseThrow());
    }
    assertEquals(4096, pragma(file, "page_size"));
  }

  private static int pragma(Path file, String name) throws SQLException {
    return Integer.parseInt(pragmaText(file, name));
  }

  private static String pragmaText(Path file, String name) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
