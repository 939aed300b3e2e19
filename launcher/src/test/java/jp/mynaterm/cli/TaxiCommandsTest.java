package jp.mynaterm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The taxi's commands refuse what they cannot do in one line, exit 2, before touching a device. */
class TaxiCommandsTest {
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

  @Test
  void tappingAResidentWhoDoesNotExistSaysWhoDoes() {
    MainTest.Run r = MainTest.run("card", "tap", "--resident", "99");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("no resident '99'"), r.err());
  }

  @Test
  void tappingWithoutARunningDemoHubSaysSo() {
    MainTest.Run r = MainTest.run("card", "tap", "--resident", "3", "--hub-db", dir.resolve("absent.db").toString());
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("no hub database"), r.err());
  }
}
