package jp.mynaterm.hardware.print;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator for the A4 printer: each certificate becomes a PDF file in a folder, named by time
 * and sequence so nothing is overwritten. The demo and tests use it; operators open the files.
 */
public final class FilePrinter implements CertificatePrinter {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private final Path folder;
  private final AtomicInteger sequence = new AtomicInteger();

  public FilePrinter(Path folder) {
    this.folder = folder;
  }

  @Override
  public String describe() {
    return "dir:" + folder;
  }

  @Override
  public PrintOutcome print(String title, byte[] pdf) {
    try {
      Path file = write(title, ".pdf", pdf);
      return new PrintOutcome.Printed(file.toString());
    } catch (IOException e) {
      return new PrintOutcome.Failed(PrintProblem.PRINTER_OFFLINE, "cannot write to " + folder + ": " + e.getMessage());
    }
  }

  /** Writes one output (a PDF, a slip's text rendering) into the folder and returns its path. */
  public Path write(String title, String suffix, byte[] content) throws IOException {
    Files.createDirectories(folder);
    String safe = title.replaceAll("[\\\\/:*?\"<>|\\s]+", "_");
    Path file = folder.resolve(STAMP.format(LocalDateTime.now()) + "-" + sequence.incrementAndGet() + "-" + safe + suffix);
    Files.write(file, content);
    return file;
  }
}
