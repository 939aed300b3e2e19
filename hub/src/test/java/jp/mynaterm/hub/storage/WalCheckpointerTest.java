package jp.mynaterm.hub.storage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import jp.mynaterm.config.StorageSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite hub's log goes back into its file beside the writer, not inside the writer's commits. */
class WalCheckpointerTest {
  @TempDir Path dir;

  @Test
  void whatTheWriterCommitsReachesTheFileWithoutTheWriterCopyingIt() throws Exception {
    Path file = dir.resolve("hub.db");
    long othersCheckpointing = checkpointThreads();
    Database db = Database.open(new StorageSettings("jdbc:sqlite:" + file, null, null));
    try {
      int ownCheckpointAt = db.write(c -> {
        try (ResultSet rs = c.createStatement().executeQuery("PRAGMA wal_autocheckpoint")) {
          rs.next();
          return rs.getInt(1);
        }
      });
      assertEquals(WalCheckpointer.writerPages(Database.PAGE_SIZE), ownCheckpointAt, "the writer's own checkpoint is only a safety net");

      db.update("CREATE TABLE filler (n INTEGER PRIMARY KEY, text TEXT NOT NULL)");
      long before = Files.size(file);
      // About 3 MiB in 30 commits, as a backlog's batches come: well under the writer's own threshold
      // (16 MiB), so only the checkpointer can have put it into the file.
      String kilobyte = "x".repeat(1024);
      for (int batch = 0; batch < 30; batch++) {
        int first = batch * 100;
        db.write(c -> {
          try (PreparedStatement p = c.prepareStatement("INSERT INTO filler (n, text) VALUES (?, ?)")) {
            for (int i = 0; i < 100; i++) {
              p.setInt(1, first + i);
              p.setString(2, kilobyte);
              p.addBatch();
            }
            p.executeBatch();
          }
          return null;
        });
      }
      await("the log copied into the file").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
          .until(() -> Files.size(file) - before >= 3_000L * 1024);
    } finally {
      db.close();
    }
    await("the checkpoint thread gone with the database").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> checkpointThreads() == othersCheckpointing);
  }

  private static long checkpointThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("hub-db-checkpoint")).count();
  }
}
