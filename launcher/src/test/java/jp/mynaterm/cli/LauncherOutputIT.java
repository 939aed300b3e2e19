package jp.mynaterm.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.config.Role;
import jp.mynaterm.testsupport.RoleProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Commands through the real launcher (scripts/lib.sh run_java: its JVM flags, the built jars in
 * target/): stderr carries the command's own words and log lines only, no logback start-up status
 * and no JDK warning. An integration test (failsafe), as it runs the packaged jars.
 */
class LauncherOutputIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir Path dir;

  /** What a command printed, and its exit code. */
  private record Run(int exit, String out, String err) {}

  /** {@code ./mynaterm ARGS...} as scripts/lib.sh run_java starts it (which execs the JVM), from the checkout. */
  private static ProcessBuilder launcher(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", ". \"$MYNATERM_ROOT/scripts/lib.sh\" && find_jdk && run_java \"$@\"", "mynaterm"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
    pb.environment().put("MYNATERM_ROOT", ROOT.toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("MYNATERM_JAVA_OPTS");
    return pb;
  }

  private Run launch(String... args) throws IOException, InterruptedException {
    Process p = launcher(List.of(args)).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "mynaterm " + String.join(" ", args) + " did not end");
    return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  private static void assertClean(Run run) {
    assertTrue(!run.err().contains("|-INFO in ch.qos.logback") && !run.err().contains("|-WARN in ch.qos.logback"), "logback status on stderr:\n" + run.err());
    assertTrue(run.err().lines().noneMatch(l -> l.startsWith("WARNING:")), "a JDK warning on stderr:\n" + run.err());
  }

  @Test
  void helpPrintsItsTextAndNothingOnStderr() throws Exception {
    Run run = launch("--help");
    assertEquals(0, run.exit, run.err);
    assertTrue(run.out.startsWith("Usage: mynaterm"), run.out);
    assertEquals("", run.err);
  }

  @Test
  void configCheckPrintsOneLineAndNothingOnStderr() throws Exception {
    Run run = launch("config", "check", "config/examples/hub.yaml");
    assertEquals(0, run.exit, run.err);
    assertEquals("config/examples/hub.yaml: ok (hub)\n", run.out);
    assertEquals("", run.err);
  }

  /** A command that logs and opens SQLite (a native library): log lines, but no status and no warning. */
  @Test
  void aCommandThatLogsAndOpensSqliteWarnsOfNothing() throws Exception {
    Path config = dir.resolve("hub.yaml");
    Files.writeString(config, Files.readString(ROOT.resolve("config/examples/hub.yaml"))
        .replace("dataDir: var/hub", "dataDir: \"" + dir.resolve("hub") + "\""));
    Run run = launch("hub", "notices", "--config", config.toString());
    assertEquals(0, run.exit, run.err);
    assertTrue(run.err.contains("INFO  Database - storage jdbc:sqlite:"), "the hub's log line on stderr:\n" + run.err);
    assertClean(run);
  }

  /**
   * A terminal's command runs on a terminal's class path (scripts/lib.sh class_path_for: the jars
   * terminal-agent needs, not the hub's and the kiosk's): each terminal role starts on it, with its
   * pages where it has them, and stops by SIGTERM, with nothing missing from the class path.
   */
  @ParameterizedTest
  @EnumSource(value = Role.class, names = {"TAXI", "LIBRARY", "HOSPITAL"})
  void eachTerminalRoleStartsOnATerminalsClassPathWithoutTheHubsLibraries(Role role) throws Exception {
    TerminalAlone.Prepared terminal = TerminalAlone.prepare(dir, role.key() + "-alone", role);
    String pages = switch (role) {
      case LIBRARY -> "library: { staffUi: { port: %d }, residentUi: { port: %d } }\n";
      case HOSPITAL -> "hospital: { receptionUi: { port: %d }, residentUi: { port: %d } }\n";
      default -> "";
    };
    Path yaml = Files.writeString(dir.resolve(role.key() + ".yaml"), terminal.yamlHead() + pages.formatted(RoleProcess.freePort(), RoleProcess.freePort()));
    List<String> args = new ArrayList<>(List.of("agent", "--role", role.key(), "--config", yaml.toString()));
    if (role != Role.TAXI) args.addAll(List.of("--virtual-card", "1")); // the counter's reader in the process
    Path log = dir.resolve("agent.log");
    Process p = launcher(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      String ready = role == Role.TAXI ? "started: taxi" : "resident PIN page";
      await(role + " starts").atMost(Duration.ofMinutes(1)).until(() -> Files.readString(log).contains(ready) || !p.isAlive());
      String output = Files.readString(log);
      assertTrue(output.contains(ready), output);
      // run_java execs the JVM: this process is the terminal's JVM, and its class path is a terminal's.
      String classPath = classPathOf(p.pid());
      assertTrue(classPath.contains("/sqlite-jdbc-") && classPath.contains("/org.eclipse.paho.mqttv5.client-"), classPath);
      assertFalse(classPath.contains("/hivemq-") || classPath.contains("/postgresql-") || classPath.contains("/mynaterm-kiosk-"), classPath);
      p.destroy();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), role + " did not stop on SIGTERM");
      output = Files.readString(log);
      assertFalse(output.contains("NoClassDefFoundError") || output.contains("ClassNotFoundException"), output);
    } finally {
      p.destroyForcibly();
    }
  }

  /** The terminal's other commands on the same class path: making a member key, and enrolling (no hub there). */
  @Test
  void aTerminalsMemberKeyAndEnrolmentCommandsRunOnATerminalsClassPath() throws Exception {
    Path key = dir.resolve("library-member.key");
    Run made = launch("agent", "member-key", key.toString());
    assertEquals(0, made.exit, made.err);
    assertTrue(Files.readString(key).strip().matches("[0-9a-f]{64}"), "a 32-byte hex key");
    int closed = RoleProcess.freePort(); // nothing listens there
    Run enroll = launch("agent", "enroll", "--hub", "http://127.0.0.1:" + closed, "--terminal", "taxi-1", "--role", "taxi", "--out", dir.resolve("tls").toString());
    assertEquals(1, enroll.exit, enroll.err);
    assertTrue(enroll.err.contains("cannot connect"), enroll.err);
    assertFalse(enroll.err.contains("NoClassDefFoundError") || enroll.err.contains("ClassNotFoundException"), enroll.err);
    assertClean(enroll);
  }

  /** The {@code -cp} argument of process {@code pid}'s command line. */
  private static String classPathOf(long pid) throws IOException {
    List<String> args = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
    int at = args.indexOf("-cp");
    assertTrue(at >= 0 && at + 1 < args.size(), "no -cp in " + args);
    return args.get(at + 1);
  }
}
