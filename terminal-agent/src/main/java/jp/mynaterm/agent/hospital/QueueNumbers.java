package jp.mynaterm.agent.hospital;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import jp.mynaterm.protocol.codec.MessageCodec;

/**
 * Reception queue numbers: 1, 2, 3, … each day, starting again at 1 the next day. The last number
 * is on disk before it is handed out, so a restart never gives a number twice.
 */
public final class QueueNumbers {
  private static final ObjectMapper JSON = MessageCodec.mapper();

  record Last(LocalDate date, int number) {}

  private final Path file;

  public QueueNumbers(Path file) {
    this.file = file;
  }

  public synchronized int next(LocalDate today) throws IOException {
    Last last = Files.exists(file) ? JSON.readValue(file.toFile(), Last.class) : new Last(today, 0);
    int number = last.date().equals(today) ? last.number() + 1 : 1;
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), new Last(today, number));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return number;
  }
}
