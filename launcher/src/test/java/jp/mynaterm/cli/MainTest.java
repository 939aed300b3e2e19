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
    for (String c : new String[] {"demo", "test", "package", "doctor", "hub", "agent", "kiosk", "card", "bench", "print", "receipt", "config"}) {
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

  @Test
  void kioskStaffSignInToMarkAQueuedRequestFulfilledOnceAndTheListSaysSo() throws Exception {
    Path hub = Files.writeString(dir.resolve("hub.yaml"), "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\n  dataDir: " + dir.resolve("hub") + "\n");
    var cfg = new jp.mynaterm.config.ConfigLoader().load(hub, jp.mynaterm.config.HubConfig.class);
    try (var db = jp.mynaterm.hub.storage.Database.open(cfg.storage())) {
      var accounts = new jp.mynaterm.hub.staff.StaffAccounts(db, java.time.Clock.systemUTC());
      accounts.add("clerk", "Clerk", java.util.Set.of(jp.mynaterm.protocol.staff.StaffRole.KIOSK_STAFF), "counter-password-2026");
      accounts.add("librarian", "Librarian", java.util.Set.of(jp.mynaterm.protocol.staff.StaffRole.LIBRARY), "library-password-2026");
      var request = new jp.mynaterm.protocol.event.IssueRequestQueued("req-0a1b2c3d", "juminhyo", java.util.Map.of(), 1,
          new jp.mynaterm.protocol.card.CardId("GBEQN5U6FVVKY5FRNUQBPSCJVW"), "MIIB", "MIIC", "c2ln", "post", "0575331122", 410);
      new jp.mynaterm.hub.storage.EventRepository(db).store(java.util.List.of(new jp.mynaterm.hub.storage.EventRow("kiosk-1",
          new jp.mynaterm.protocol.message.EventRecord(1, new jp.mynaterm.protocol.time.Stamp(java.time.Instant.parse("2026-11-24T01:00:00Z"), "boot", 1, true), request))));
    }
    assertEquals(ExitCodes.FAILURE, withStdin("library-password-2026\n",
        () -> run("hub", "requests", "fulfil", "req-0a1b2c3d", "--staff", "librarian", "--password-stdin", "--config", hub.toString())).code(),
        "only kiosk staff");
    assertEquals(ExitCodes.FAILURE, withStdin("wrong\n",
        () -> run("hub", "requests", "fulfil", "req-0a1b2c3d", "--staff", "clerk", "--password-stdin", "--config", hub.toString())).code());
    Run done = withStdin("counter-password-2026\n",
        () -> run("hub", "requests", "fulfil", "req-0a1b2c3d", "--staff", "clerk", "--password-stdin", "--config", hub.toString(), "--note", "posted"));
    assertEquals(0, done.code(), done.err());
    Run again = withStdin("counter-password-2026\n",
        () -> run("hub", "requests", "void", "req-0a1b2c3d", "--staff", "clerk", "--password-stdin", "--config", hub.toString()));
    assertEquals(ExitCodes.FAILURE, again.code(), "decided once");
    assertTrue(again.err().contains("decided already"), again.err());
    Run list = run("hub", "requests", "list", "--config", hub.toString());
    assertTrue(list.out().contains("req-0a1b2c3d") && list.out().contains("by post") && list.out().contains("410 yen") && list.out().contains("fulfilled by clerk"),
        list.out());
  }

  private static Run withStdin(String text, java.util.function.Supplier<Run> command) {
    var stdin = System.in;
    System.setIn(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      return command.get();
    } finally {
      System.setIn(stdin);
    }
  }
}
