package jp.mynaterm.cli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.MainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The taxi's agent refuses what it cannot do in one line, exit 2, before touching a device. */
class TaxiAgentCommandTest {
  @TempDir Path dir;

  @Test
  void aVehicleReaderAskedToRequireThePinRefusesToStart() throws Exception {
    Path example = Path.of("..", "config", "examples", "taxi.yaml").toAbsolutePath().normalize();
    Path pinRequired = dir.resolve("taxi.yaml");
    Files.writeString(pinRequired, Files.readString(example)
        .replace("requirePin: false", "requirePin: true")
        .replace("dataDir: var/taxi-1", "dataDir: " + dir.resolve("data")));
    MainTest.Run r = MainTest.run("agent", "--role", "taxi", "--config", pinRequired.toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("key 'taxi.requirePin'") && r.err().contains("PIN pad"), r.err());
    assertTrue(Files.notExists(dir.resolve("data")), "nothing was started");
  }
}
