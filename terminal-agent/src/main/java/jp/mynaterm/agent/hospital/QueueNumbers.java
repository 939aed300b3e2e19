package jp.mynaterm.agent.hospital;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import jp.mynaterm.protocol.io.AtomicFiles;

/**
 * Reception queue numbers: 1, 2, 3, … each day, starting again at 1 the next day. The last number
 * is on disk before it is handed out, so a restart never gives a number twice.
 */
public final class QueueNumbers {
  record Last(LocalDate date, int number) {}

  private final Path file;

  public QueueNumbers(Path file) {
    this.file = file;
  }

  public synchronized int next(LocalDate today) throws IOException {
    Last last = Files.exists(file) ? AtomicFiles.readJson(file, Last.class) : new Last(today, 0);
    int number = last.date().equals(today) ? last.number() + 1 : 1;
    AtomicFiles.writeJson(file, new Last(today, number));
    return number;
  }
}
