package jp.mynaterm.hardware.print;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.mynaterm.testsupport.RealComponent;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real CUPS queue on the cups-pdf virtual printer, for tests: starts cupsd if it is not running,
 * adds a queue whose own cups-pdf instance writes into a temporary folder, and removes all of it
 * (and stops the cupsd it started) on close. Needs root to write /etc/cups.
 */
final class CupsPdfQueue implements AutoCloseable {
  static final Path BACKEND = Path.of("/usr/lib/cups/backend/cups-pdf");
  final String name;
  final Path output;
  private final Path instanceConfig;
  private final Process startedCupsd;
  private final List<String> queues = new java.util.ArrayList<>();
  private final List<Path> backends = new java.util.ArrayList<>();

  private CupsPdfQueue(String name, Path output, Path instanceConfig, Process startedCupsd) {
    this.name = name;
    this.output = output;
    this.instanceConfig = instanceConfig;
    this.startedCupsd = startedCupsd;
  }

  static CupsPdfQueue create() throws IOException {
    RealComponent.CUPS.require("root".equals(System.getProperty("user.name")), "configuring CUPS's test queue needs root");
    assertTrue(Files.isExecutable(BACKEND) || Files.exists(BACKEND),
        "cups-pdf backend missing: install printer-driver-cups-pdf (listed in scripts/system-packages.txt)");
    Process cupsd = listening() ? null : startCupsd();
    String instance = "mynaterm" + UUID.randomUUID().toString().substring(0, 8);
    Path output = Files.createTempDirectory("cups-pdf-");
    // cups-pdf may write as the anonymous user; let it into the folder.
    Files.setPosixFilePermissions(output, PosixFilePermissions.fromString("rwxrwxrwx"));
    // cups-pdf:/NAME reads /etc/cups/cups-pdf-NAME.conf: our own output folder, the system's untouched.
    Path config = Path.of("/etc/cups/cups-pdf-" + instance + ".conf");
    Files.writeString(config, "Out " + output + "\nAnonDirName " + output + "\nGrp lpadmin\n");
    // pdftocairo keeps the text of CID fonts through CUPS's PDF→PostScript step (the gs renderer
    // turns it into Type 3 bitmaps pdftotext cannot read); Debian's cups-pdf README recommends it.
    CupsPdfQueue queue = new CupsPdfQueue(instance, output, config, cupsd);
    queue.add(instance, "cups-pdf:/" + instance);
    return queue;
  }

  /** Another queue on the same driver with a device of the test's choosing; removed on close. */
  String add(String name, String deviceUri) throws IOException {
    run("lpadmin", "-p", name, "-E", "-v", deviceUri, "-m", cupsPdfModel(), "-o", "pdftops-renderer-default=pdftocairo");
    queues.add(name);
    return name;
  }

  /**
   * A queue whose device takes the job and then reports a paper jam, as a printer's backend does
   * (CUPS's backend protocol: {@code STATE: +media-jam-error} on stderr, exit 0 — CUPS marks the job
   * completed and the printer's printer-state-reasons media-jam-error). The backend is a shell script
   * in CUPS's backend folder, removed on close.
   */
  String addJamming(String name) throws IOException {
    String scheme = "mynaterm-jam-" + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    Path backend = Path.of("/usr/lib/cups/backend", scheme);
    Files.writeString(backend, "#!/bin/sh\n"
        + "if [ $# -eq 0 ]; then echo 'direct " + scheme + " \"Unknown\" \"mynaterm jamming printer\"'; exit 0; fi\n"
        + "cat > /dev/null\necho 'STATE: +media-jam-error' >&2\nexit 0\n");
    // 0700 and root's: CUPS runs it as root and refuses a backend others could change.
    Files.setPosixFilePermissions(backend, PosixFilePermissions.fromString("rwx------"));
    backends.add(backend);
    return add(name, scheme + ":/jam");
  }

  private static boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 631), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Process startCupsd() throws IOException {
    Process cupsd = new ProcessBuilder("cupsd", "-f").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      await("cupsd listening on 127.0.0.1:631").atMost(Duration.ofSeconds(20)).until(() -> listening() || !cupsd.isAlive());
    } catch (ConditionTimeoutException e) {
      cupsd.destroy();
      throw e;
    }
    if (!cupsd.isAlive()) throw new IllegalStateException("cupsd exited before listening on 127.0.0.1:631");
    return cupsd;
  }

  /** The driver name differs between releases (lsb/usr/cups-pdf/…); ask CUPS which it has. */
  private static String cupsPdfModel() throws IOException {
    List<String> models = run("lpinfo", "-m").lines().map(l -> l.split(" ", 2)[0]).toList();
    return models.stream().filter(m -> m.contains("CUPS-PDF_opt")).findFirst()
        .or(() -> models.stream().filter(m -> m.contains("CUPS-PDF")).findFirst())
        .orElseThrow(() -> new IllegalStateException("CUPS lists no CUPS-PDF driver: " + models.size() + " models"));
  }

  static String run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", command) + " interrupted", e);
    }
    return out;
  }

  /** The first PDF cups-pdf has finished writing (it writes under a temporary name first). */
  Optional<Path> printedPdf() throws IOException {
    try (Stream<Path> files = Files.list(output)) {
      return files.filter(f -> f.toString().endsWith(".pdf")).findFirst();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      for (String queue : queues) run("lpadmin", "-x", queue);
    } finally {
      for (Path backend : backends) Files.deleteIfExists(backend);
      Files.deleteIfExists(instanceConfig);
      try (Stream<Path> files = Files.walk(output)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
      if (startedCupsd != null) {
        startedCupsd.destroy();
        try {
          startedCupsd.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
