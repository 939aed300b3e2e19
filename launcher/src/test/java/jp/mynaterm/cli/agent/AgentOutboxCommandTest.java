package jp.mynaterm.cli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.MainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An outbox that cannot be opened stops the agent with one line; a set-aside one is recovered by command. */
class AgentOutboxCommandTest {
  @TempDir Path dir;

  private Path libraryConfig() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    return Files.writeString(dir.resolve("library.yaml"), "role: library\ndevelopment: true\nmunicipality: \"212075\"\nterminal:\n  id: library-1\n  dataDir: " + data
        + "\nmqtt:\n  url: tcp://127.0.0.1:1\nlibrary:\n  staffUi:\n    port: 0\n");
  }

  @Test
  void aBusyOutboxRefusesToStartWithOneLineAndExitTwoAndIsNotMovedAside() throws Exception {
    Path config = libraryConfig();
    Path outbox = dir.resolve("data").resolve("outbox.db");
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + outbox);
        Statement s = other.createStatement()) {
      s.execute("CREATE TABLE evidence (x)");
      s.execute("PRAGMA locking_mode=EXCLUSIVE");
      s.execute("BEGIN EXCLUSIVE");
      MainTest.Run r = MainTest.run("agent", "--role", "library", "--config", config.toString());
      assertEquals(ExitCodes.USAGE, r.code(), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains("SQLITE_BUSY") && r.err().contains(outbox.toString()), r.err());
      s.execute("ROLLBACK");
    }
    try (var files = Files.list(dir.resolve("data"))) {
      assertEquals(0, files.filter(f -> f.getFileName().toString().contains("broken")).count(), "nothing set aside");
    }
  }

  @Test
  void recoverSaysWhatCannotBeReadWithOneLine() throws Exception {
    Path config = libraryConfig();
    Path aside = Files.writeString(dir.resolve("data").resolve("outbox.db.broken-20261201-000000"), "not a database at all".repeat(300));
    MainTest.Run r = MainTest.run("agent", "recover", "--config", config.toString(), aside.toString());
    assertEquals(ExitCodes.FAILURE, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("cannot read events from " + aside), r.err());
    assertTrue(Files.exists(aside), "the file is kept as it was");
  }
}
