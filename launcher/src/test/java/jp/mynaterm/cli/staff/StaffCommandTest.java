package jp.mynaterm.cli.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mynaterm hub staff}: accounts added, listed, given a password, disabled; bad input exit 2. */
class StaffCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String stdin, String... args) {
    InputStream before = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
      return new Run(code, out.toString(), err.toString());
    } finally {
      System.setIn(before);
    }
  }

  @Test
  void staffAccountsAreAddedListedAndDisabledWithoutShowingAPassword() throws Exception {
    String hub = Files.writeString(dir.resolve("hub.yaml"), "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\n  dataDir: " + dir.resolve("hub") + "\n").toString();
    Run added = run("library-pw-123\n", "hub", "staff", "add", "librarian-1", "--name", "図書 花子", "--role", "library", "--config", hub, "--password-stdin");
    assertEquals(ExitCodes.OK, added.code(), added.err());
    assertEquals(ExitCodes.OK, run("another-pw-456\n", "hub", "staff", "passwd", "librarian-1", "--config", hub, "--password-stdin").code());
    Run listed = run("", "hub", "staff", "list", "--config", hub);
    assertEquals("librarian-1\t図書 花子\tlibrary\tactive", listed.out().strip());
    assertFalse(listed.out().contains("pw") || listed.out().contains("$2"), "no password, no hash");
    assertEquals(ExitCodes.OK, run("", "hub", "staff", "disable", "librarian-1", "--config", hub).code());
    assertTrue(run("", "hub", "staff", "list", "--config", hub).out().contains("\tdisabled"));

    Run badRole = run("library-pw-123\n", "hub", "staff", "add", "x", "--name", "X", "--role", "librarian", "--config", hub, "--password-stdin");
    assertEquals(ExitCodes.USAGE, badRole.code());
    assertTrue(badRole.err().contains("--role librarian"), badRole.err());
    Run shortPassword = run("short\n", "hub", "staff", "add", "y", "--name", "Y", "--role", "hospital", "--config", hub, "--password-stdin");
    assertEquals(ExitCodes.USAGE, shortPassword.code());
    assertTrue(shortPassword.err().contains("at least"), shortPassword.err());
    assertEquals(ExitCodes.USAGE, run("", "hub", "staff", "disable", "nobody", "--config", hub).code());
  }
}
