package jp.mynaterm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees from ./mynaterm: the command list, and one-line errors with exit code 2. */
public class MainTest {
  @TempDir Path dir;

  /** What a command printed and its exit code; tests of every command package run commands through this. */
  public record Run(int code, String out, String err) {}

  public static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsEveryCommand() {
    Run r = run("--help");
    assertEquals(0, r.code());
    for (String c : new String[] {"demo", "test", "hub", "agent", "kiosk", "card", "bench", "print", "receipt", "config"}) {
      assertTrue(r.out().contains("\n  " + c + " "), "help lists " + c + ":\n" + r.out());
    }
  }

  @Test
  void badHubConfigurationExitsTwoWithOneLine() throws Exception {
    Path bad = dir.resolve("hub.yaml");
    Files.writeString(bad, "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\nbroker:\n  port: 70000\n");
    Run r = run("hub", "--config", bad.toString());
    assertEquals(ExitCodes.USAGE, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("key 'broker.port'") && r.err().contains(bad.toString()), r.err());
  }

  @Test
  void outsideDevelopmentModeTheHubAndAnAgentRefuseTestTrustWithOneLineAndExitTwo() throws Exception {
    Path hub = Files.writeString(dir.resolve("hub.yaml"), "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\n  dataDir: " + dir.resolve("hub") + "\n");
    Run h = run("hub", "--config", hub.toString());
    assertEquals(ExitCodes.USAGE, h.code(), h.err());
    assertEquals(1, h.err().strip().lines().count(), h.err());
    assertTrue(h.err().contains("key 'hub.cardIdKey'") && h.err().contains("outside development mode"), h.err());
    Path taxi = Files.writeString(dir.resolve("taxi.yaml"),
        "role: taxi\nmunicipality: \"212075\"\nterminal:\n  id: taxi-1\n  dataDir: " + dir.resolve("taxi") + "\nmqtt:\n  url: ssl://127.0.0.1:1\n");
    Run a = run("agent", "--role", "taxi", "--config", taxi.toString());
    assertEquals(ExitCodes.USAGE, a.code(), a.err());
    assertEquals(1, a.err().strip().lines().count(), a.err());
    assertTrue(a.err().contains("key 'card.trustAnchors'") && a.err().contains("outside development mode"), a.err());
  }

  @Test
  void missingConfigurationFileExitsTwoWithOneLine() {
    Run r = run("hub", "--config", dir.resolve("absent.yaml").toString());
    assertEquals(ExitCodes.USAGE, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("does not exist"), r.err());
  }

  @Test
  void unknownOptionExitsTwoAndPointsToHelp() {
    Run r = run("hub", "--colour", "blue");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("--colour") && r.err().contains("--help"), r.err());
  }

  @Test
  void configCheckSaysOkForEveryExample() {
    Path examples = Path.of("..", "config", "examples").toAbsolutePath().normalize();
    Run r = run("config", "check", examples.resolve("hub.yaml").toString(), examples.resolve("taxi.yaml").toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(2, r.out().lines().filter(l -> l.contains(": ok (")).count(), r.out());
  }

  @Test
  void queuedRequestsOfAFreshHubAreNoneSaidInBothLanguages() throws Exception {
    Path hub = Files.writeString(dir.resolve("hub.yaml"), "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\n  dataDir: " + dir.resolve("hub") + "\n");
    Run r = run("hub", "requests", "--config", hub.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("no queued requests / 保留中の申請はありません", r.out().strip());
  }
}
