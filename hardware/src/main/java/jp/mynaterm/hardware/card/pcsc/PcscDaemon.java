package jp.mynaterm.hardware.card.pcsc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.hardware.card.apdu.CardResult;

/**
 * pcscd for tests, benchmarks and the demo: used as it is when it answers, started (in the
 * foreground, as our child) when it does not and we may.
 *
 * <p>A pcscd started here lives as long as this JVM and stops with it. It cannot be stopped and
 * started again in between: javax.smartcardio establishes one PC/SC context per JVM, once, and that
 * context belongs to the pcscd it first met; after a restart it only answers "list() failed" while a
 * fresh pcscd offers its readers to every other process (measured here with Temurin 25 and Debian's
 * pcsc-lite 1.9.9).
 */
public final class PcscDaemon {
  /** The vsmartcard reader pcscd offers when the vpcd driver is installed (port 35963). */
  public static final String VPCD_READER = "Virtual PCD 00 00";
  /**
   * vpcd's second slot (Debian's vpcd offers two): the demo's and tests' kiosk reader, so the taxi
   * keeps the first. A vpcd client for it connects to {@code VpcdClient.DEFAULT_PORT + 1}.
   */
  public static final String VPCD_SECOND_READER = "Virtual PCD 00 01";

  /** The vpcd reader of slot 0 or 1. */
  public static String vpcdReader(int slot) {
    return switch (slot) {
      case 0 -> VPCD_READER;
      case 1 -> VPCD_SECOND_READER;
      default -> throw new IllegalArgumentException("vpcd has slots 0 and 1, not " + slot);
    };
  }
  private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/pcscd"), Path.of("/usr/bin/pcscd"), Path.of("/sbin/pcscd"));

  /** The pcscd this JVM started, if any: one for the JVM's life. */
  private static Process startedHere;

  private PcscDaemon() {}

  /**
   * pcscd answering with the vpcd reader, or why not (for a loud skip).
   *
   * @param wait how long to wait for a pcscd we started to come up
   */
  public static synchronized Availability ensureRunning(Duration wait) {
    if (vpcdReaderPresent()) return new Availability.Running(startedHere != null);
    if (startedHere != null && startedHere.isAlive()) {
      return new Availability.Unavailable("the pcscd this process started no longer offers the '" + VPCD_READER + "' reader");
    }
    Optional<Path> binary = BINARIES.stream().filter(Files::isExecutable).findFirst();
    if (binary.isEmpty()) return new Availability.Unavailable("pcscd is not installed (apt-get install pcscd vsmartcard-vpcd)");
    if (!Files.exists(Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")) && !Files.exists(Path.of("/etc/reader.conf.d/vpcd"))) {
      return new Availability.Unavailable("the vpcd driver is not installed (apt-get install vsmartcard-vpcd)");
    }
    if (isRunning() ) {
      return new Availability.Unavailable("pcscd runs but offers no '" + VPCD_READER + "' reader (restart pcscd after installing vsmartcard-vpcd)");
    }
    Process p;
    try {
      p = new ProcessBuilder(binary.get().toString(), "--foreground")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      return new Availability.Unavailable("cannot start pcscd: " + e.getMessage());
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        return new Availability.Unavailable("pcscd exited at once with code " + p.exitValue() + " (not root? another pcscd?)");
      }
      if (vpcdReaderPresent()) {
        startedHere = p;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(p), "pcscd-stop"));
        return new Availability.Running(true);
      }
      try {
        p.waitFor(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    stop(p);
    return new Availability.Unavailable("pcscd did not offer the vpcd reader within " + wait.toSeconds() + " s");
  }

  public sealed interface Availability {
    /** @param startedHere whether this JVM started it (and stops it when it exits) */
    record Running(boolean startedHere) implements Availability {}

    record Unavailable(String reason) implements Availability {}
  }

  static boolean vpcdReaderPresent() {
    return Readers.ofThisJvm().list() instanceof CardResult.Ok<List<Readers.Reader>> ok
        && ok.value().stream().anyMatch(r -> r.name().startsWith(VPCD_READER));
  }

  /** pcscd's socket answers a PC/SC context (whatever readers it has). */
  static boolean isRunning() {
    return Readers.ofThisJvm().list() instanceof CardResult.Ok<?>;
  }

  private static void stop(Process p) {
    if (!p.isAlive()) return;
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }
}
