package jp.mynaterm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * A role ({@code hub}, {@code agent}, {@code kiosk}) as its own process, started the way
 * {@code ./mynaterm ROLE} starts it (scripts/lib.sh run_java: the common JVM flags, the role's, then
 * Main), with the classes of this build; its output goes to a log file the failures quote. For the
 * tests that stop a role with SIGTERM: {@link #stopBySigterm} asks for the stop issue #13 promises.
 */
public final class RoleProcess implements AutoCloseable {
  /** Issue #13: SIGTERM stops every process within 2 s with everything committed. */
  public static final Duration STOP_LIMIT = Duration.ofSeconds(2);
  /** The exit status of a JVM ended by SIGTERM once its shutdown hooks have run (128 + 15). */
  public static final int SIGTERM_EXIT = 143;
  /** How long a failure waits on, to tell a late stop from a hang. */
  private static final Duration HANG = Duration.ofSeconds(30);

  private static final String MAIN = "jp.mynaterm.cli.Main";
  private static final Path ROOT = findRoot();

  private final Process process;
  private final Path log;

  private RoleProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The agent's production flags on this JDK, as scripts/lib.sh (jvm_options_for) gives them. */
  private static List<String> agentOptions() {
    List<String> options = new ArrayList<>(List.of("@" + ROOT.resolve("config/jvm/agent.options")));
    if (Runtime.version().feature() >= 25) options.add("@" + ROOT.resolve("config/jvm/agent-jdk25.options"));
    return options;
  }

  /** Starts {@code ./mynaterm ROLE ARGS...} in a JVM of its own; its output goes to {@code log}. */
  public static RoleProcess start(String role, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("@" + ROOT.resolve("config/jvm/cli.options"));
    if (Runtime.version().feature() >= 23) cmd.add("--sun-misc-unsafe-memory-access=allow");
    switch (role) {
      case "agent" -> cmd.addAll(agentOptions());
      case "kiosk" -> {
        cmd.addAll(agentOptions());
        cmd.add("-Xmx160m");
      }
      case "hub" -> cmd.add("@" + ROOT.resolve("config/jvm/hub.options"));
      default -> throw new IllegalArgumentException("not a role: " + role);
    }
    cmd.add("-Dmynaterm.home=" + ROOT);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(MAIN);
    cmd.add(role);
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new RoleProcess(p, log);
  }

  /** The repository root: where config/jvm is, above the module the tests run in. */
  public static Path root() {
    return ROOT;
  }

  /** What the process has printed so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Sends SIGTERM and waits {@link #STOP_LIMIT} for the process to end (a deadline, not a measurement);
   * fails, quoting its output, if it does not, or if it ends with another status than a stop asked for.
   */
  public void stopBySigterm() throws InterruptedException {
    stopBySigterm(STOP_LIMIT);
  }

  /** As {@link #stopBySigterm()}, with another limit: only for a role known not to keep the promise yet. */
  public void stopBySigterm(Duration limit) throws InterruptedException {
    Assertions.assertTrue(process.isAlive(), "the process ended before SIGTERM; its output:\n" + output());
    long signalled = System.nanoTime();
    process.destroy(); // SIGTERM
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      // Only to say in the failure how late it was (a slow stop or a hang): the limit stays the promise.
      boolean late = process.waitFor(HANG.toMillis(), TimeUnit.MILLISECONDS);
      Assertions.fail("the process did not end within " + limit.toMillis() + " ms of SIGTERM ("
          + (late ? "it ended after " + (System.nanoTime() - signalled) / 1_000_000 + " ms" : "still running after " + HANG.plus(limit).toSeconds() + " s")
          + "); its output:\n" + output());
    }
    Assertions.assertEquals(SIGTERM_EXIT, process.exitValue(), "exit status after SIGTERM; its output:\n" + output());
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** A TCP port free now, for a role's broker or page. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("config/jvm/cli.options"))) return p;
    }
    throw new IllegalStateException("no config/jvm/cli.options above " + Path.of("").toAbsolutePath());
  }
}
