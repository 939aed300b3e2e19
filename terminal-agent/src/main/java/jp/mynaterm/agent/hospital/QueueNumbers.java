package jp.mynaterm.agent.hospital;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.io.AtomicFiles;

/**
 * Reception queue numbers: 1, 2, 3, … each day, starting again at 1 the next day. The last number
 * is on disk before it is handed out, so a restart never gives a number twice. A card tapped again on
 * the same day gets its number again (a reprint: the patient lost the slip or tapped twice), not a
 * second place in the queue. The file keeps the day's CardIds for that and nothing else; it is
 * rewritten without them on the first check-in of the next day, so they are kept for one day at most.
 */
public final class QueueNumbers {
  record Day(LocalDate date, int number, Map<String, Integer> byCard) {
    Day {
      byCard = byCard == null ? Map.of() : Map.copyOf(byCard);
    }
  }

  /** @param reprint the card had this number already today */
  public record Number(int value, boolean reprint) {}

  private final Path file;

  public QueueNumbers(Path file) {
    this.file = file;
  }

  public synchronized Number numberFor(LocalDate today, CardId card) throws IOException {
    Day day = Files.exists(file) ? AtomicFiles.readJson(file, Day.class) : new Day(today, 0, Map.of());
    if (!day.date().equals(today)) day = new Day(today, 0, Map.of());
    Integer given = day.byCard().get(card.value());
    if (given != null) return new Number(given, true);
    int number = day.number() + 1;
    Map<String, Integer> byCard = new HashMap<>(day.byCard());
    byCard.put(card.value(), number);
    AtomicFiles.writeJson(file, new Day(today, number, byCard));
    return new Number(number, false);
  }
}
