package jp.mynaterm.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.mynaterm.agent.outbox.Outbox;
import jp.mynaterm.agent.store.SqliteFile;
import jp.mynaterm.config.TerminalConfig;
import jp.mynaterm.protocol.time.TerminalClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the events of an outbox file that was set aside as damaged ({@code ./mynaterm agent recover
 * FILE}): what can still be read is copied into a fresh outbox beside it, under the file's own epoch
 * and sequences, and delivered like any outbox; events the hub already has come back as repeats, so
 * nothing doubles. The damaged file is only read; once everything is acknowledged it is renamed
 * {@code …recovered} (kept) and no longer reported in heartbeats. Run it while the terminal's agent is
 * stopped: it connects as the terminal.
 */
public final class Recovery {
  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  /**
   * @param events events read from the file and sent
   * @param setAside of those, refused by the hub (kept aside in {@code workFile})
   * @param unsent not acknowledged before the timeout (run recover again: it resends them harmlessly)
   * @param recovered the file's new name when everything was acknowledged, else null
   */
  public record Result(long events, long setAside, long unsent, Path workFile, Path recovered) {}

  private Recovery() {}

  public static Result recover(TerminalConfig config, String version, Path damaged, Duration timeout) throws IOException, InterruptedException {
    if (!Files.isRegularFile(damaged)) throw new IOException(damaged + " is not a file");
    // Named so that it is not taken for another set-aside file; it keeps what the hub refused.
    Path work = damaged.resolveSibling("recovering-" + damaged.getFileName());
    Outbox outbox = Outbox.salvage(damaged, work, config.outbox());
    long events = outbox.depth();
    log.info("recovering {} events of {} (epoch {})", events, damaged, outbox.epoch());
    long unsent;
    long setAside;
    try (Agent agent = Agent.start(config, version, TerminalClock.system(), outbox)) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (outbox.depth() > 0 && System.nanoTime() < deadline) Thread.sleep(100);
      unsent = outbox.depth();
      setAside = outbox.setAsideCount();
    }
    Path recovered = unsent == 0 ? SqliteFile.markRecovered(damaged) : null;
    return new Result(events, setAside, unsent, work, recovered);
  }
}
