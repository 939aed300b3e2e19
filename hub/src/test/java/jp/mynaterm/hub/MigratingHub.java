package jp.mynaterm.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;

/**
 * A hub process's start of storage, for the two-process migration test: says it is ready (a file),
 * waits for the go file, then opens the database (migrating it) and reads from it.
 * Arguments: JDBC URL, ready file, go file.
 */
final class MigratingHub {
  private MigratingHub() {}

  public static void main(String[] args) throws Exception {
    Path go = Path.of(args[2]);
    Files.createFile(Path.of(args[1]));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(go)) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("no go within 60 s");
      Thread.onSpinWait(); // spinning, not sleeping: both processes leave this loop as close together as they can
    }
    try (Database db = Database.open(new StorageSettings(args[0], "postgres", null))) {
      System.out.println("events: " + new EventRepository(db).count());
    }
  }
}
