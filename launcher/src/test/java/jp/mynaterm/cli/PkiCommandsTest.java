package jp.mynaterm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static jp.mynaterm.cli.MainTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import jp.mynaterm.hub.pki.Pem;
import jp.mynaterm.hub.pki.TerminalCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./mynaterm pki (package cli.pki): an operator enrolling a terminal with ./mynaterm pki, and the one-line errors when something is wrong. */
class PkiCommandsTest {
  @TempDir Path dir;

  @Test
  void enrollRequestIssueListRevoke() throws Exception {
    Path hubYaml = dir.resolve("hub.yaml");
    Files.writeString(hubYaml, "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\n  dataDir: " + dir.resolve("hub") + "\n");
    String cfg = hubYaml.toString();

    assertEquals(ExitCodes.OK, run("pki", "init", "--config", cfg).code());
    MainTest.Run again = run("pki", "init", "--config", cfg);
    assertEquals(ExitCodes.USAGE, again.code());
    assertTrue(again.err().contains("already exists"), again.err());

    Path terminal = dir.resolve("taxi-1");
    assertEquals(ExitCodes.OK, run("pki", "request", "--terminal", "taxi-1", "--out", terminal.toString()).code());
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(terminal.resolve("terminal.key")));

    MainTest.Run enroll = run("pki", "enroll", "taxi-1", "--role", "taxi", "--config", cfg);
    assertEquals(ExitCodes.OK, enroll.code(), enroll.err());
    String token = enroll.out().strip();

    Path cert = terminal.resolve("terminal.pem");
    MainTest.Run issue = run("pki", "issue", "--token", token, "--csr", terminal.resolve("terminal.csr").toString(), "--out", cert.toString(), "--config", cfg);
    assertEquals(ExitCodes.OK, issue.code(), issue.err());
    assertEquals("taxi-1", TerminalCa.commonName(Pem.readCertificate(cert)));

    MainTest.Run reused = run("pki", "issue", "--token", token, "--csr", terminal.resolve("terminal.csr").toString(), "--config", cfg);
    assertEquals(ExitCodes.USAGE, reused.code());
    assertEquals(1, reused.err().strip().lines().count(), reused.err());
    assertTrue(reused.err().contains("already used"), reused.err());

    MainTest.Run list = run("pki", "list", "--config", cfg);
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith("taxi-1") && l.contains("taxi") && l.contains("valid until")), list.out());
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith("hub-hub-1") && l.contains("hub")), list.out());

    assertEquals(ExitCodes.OK, run("pki", "revoke", "taxi-1", "--config", cfg).code());
    assertTrue(run("pki", "list", "--config", cfg).out().lines().anyMatch(l -> l.startsWith("taxi-1") && l.contains("revoked")));
    assertTrue(Pem.readCrl(dir.resolve("hub/pki/crl.pem")).isRevoked(Pem.readCertificate(cert)));
    assertTrue(Files.readString(dir.resolve("hub/pki/mosquitto.acl")).contains("user hub-hub-1"));
  }

  /** A terminal enrolling against an address where no hub listens hears that, in one line (not "null"). */
  @Test
  void agentEnrollWithNoHubAtTheAddressSaysItCannotConnect() throws Exception {
    int closed = jp.mynaterm.testsupport.RoleProcess.freePort(); // nothing listens there
    MainTest.Run run = run("agent", "enroll", "--hub", "http://127.0.0.1:" + closed, "--terminal", "taxi-1", "--role", "taxi", "--out", dir.resolve("tls").toString());
    assertEquals(ExitCodes.FAILURE, run.code(), run.err());
    assertEquals("mynaterm: agent enroll: http://127.0.0.1:" + closed + ": cannot connect (is the hub running at that address? / ハブに接続できません)", run.err().strip());
  }

  @Test
  void badArgumentsAreOneLineAndExitTwo() throws Exception {
    Path hubYaml = dir.resolve("hub.yaml");
    Files.writeString(hubYaml, "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\n  dataDir: " + dir.resolve("hub") + "\n");
    String cfg = hubYaml.toString();
    MainTest.Run notYet = run("pki", "enroll", "taxi-1", "--role", "taxi", "--config", cfg);
    assertEquals(ExitCodes.USAGE, notYet.code());
    assertTrue(notYet.err().contains("pki init"), notYet.err());

    run("pki", "init", "--config", cfg);
    for (String[] args :
        new String[][] {
          {"pki", "enroll", "taxi-1", "--role", "bus", "--config", cfg},
          {"pki", "enroll", "Taxi 1", "--role", "taxi", "--config", cfg},
          {"pki", "enroll", "taxi-1", "--role", "taxi", "--valid-for", "2d", "--config", cfg},
          {"pki", "revoke", "taxi-404", "--config", cfg},
        }) {
      MainTest.Run r = run(args);
      assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }
}
