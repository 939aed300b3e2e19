package jp.mynaterm.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param id the terminal id, unique in the municipality; it is part of the MQTT topics
 * @param dataDir where the outbox, received lists and caches live (relative to the working directory)
 * @param heartbeat how often the terminal reports its state to the hub
 * @param maxListAge past this age of its lists the terminal warns the driver or staff (3 days by default)
 */
public record TerminalSettings(String id, String dataDir, Duration heartbeat, Duration maxListAge) {
  /**
   * How old the revocation list (and the role's allow-list) may grow before the terminal warns: the
   * time since the hub last confirmed it current. Three days covers a weekend offline.
   */
  public static final Duration DEFAULT_MAX_LIST_AGE = Duration.ofDays(3);

  public TerminalSettings {
    Check.terminalId("id", id);
    dataDir = Check.orDefault(dataDir, "var/" + id);
    heartbeat = Check.positive("heartbeat", Check.orDefault(heartbeat, Duration.ofSeconds(60)));
    maxListAge = Check.positive("maxListAge", Check.orDefault(maxListAge, DEFAULT_MAX_LIST_AGE));
  }

  public Path dataPath() {
    return Path.of(dataDir);
  }
}
