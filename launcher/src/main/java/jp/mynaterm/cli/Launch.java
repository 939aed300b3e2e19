package jp.mynaterm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** What long-running commands share: where the installation is, and waiting for Ctrl-C. */
public final class Launch {
  private Launch() {}

  /** The repository or installation root: the launcher script passes it as {@code mynaterm.home}. */
  public static Path home() {
    return Path.of(System.getProperty("mynaterm.home", ".")).toAbsolutePath().normalize();
  }

  /** Where the virtual cards' test PKI lives by default, so `card virtual`, `card auth`, the demo and the benchmarks agree. */
  public static Path virtualCardPki() {
    return home().resolve("var/cards");
  }

  /** A relative path as given if it exists from here, else from the installation root. */
  public static Path resolve(Path p) {
    if (p.isAbsolute() || Files.exists(p)) return p;
    Path fromHome = home().resolve(p);
    return Files.exists(fromHome) ? fromHome : p;
  }

  /** The longest a stop asked for by SIGTERM waits for the command to close what it opened. */
  private static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);
  private static final CountDownLatch finished = new CountDownLatch(1);

  /**
   * Blocks until the process is asked to stop (Ctrl-C, SIGTERM), or {@code limit} passes if given.
   * The JVM halts once its shutdown hooks return, so the hook waits until the command has closed its
   * resources ({@link #finished}) — else a SIGTERM would cut off the commit of a last batch.
   */
  public static void awaitShutdown(Duration limit) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        finished.await(CLOSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (limit == null) {
      stop.await();
    } else if (!stop.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      Runtime.getRuntime().removeShutdownHook(hook);
    }
  }

  /** Called once the command has returned, everything it opened closed: a stop by SIGTERM may now end the JVM. */
  public static void finished() {
    finished.countDown();
  }

  /** Who runs a hub command, for the audit log: the operating-system account (commands run on the hub's machine). */
  public static String operator() {
    return "os:" + System.getProperty("user.name", "unknown");
  }

  /**
   * This build's version, as agents report it in births and heartbeats and {@code --version} prints it:
   * the installed package's (its launcher passes {@code mynaterm.version}), else the jar's manifest.
   */
  public static String version() {
    String v = System.getProperty("mynaterm.version", Launch.class.getPackage().getImplementationVersion());
    return "mynaterm " + (v == null ? "development build" : v);
  }

  /** A loader whose environment also holds {@code overrides} (e.g. a demo's data directories). */
  public static jp.mynaterm.config.ConfigLoader loaderWith(java.util.Map<String, String> overrides) {
    java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.putAll(overrides);
    return new jp.mynaterm.config.ConfigLoader(env);
  }

  public static void awaitShutdown() throws InterruptedException {
    awaitShutdown(null);
  }
}
