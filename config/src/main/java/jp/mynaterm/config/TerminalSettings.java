package jp.mynaterm.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param id the terminal id, unique in the municipality; it is part of the MQTT topics
 * @param dataDir where the outbox, received lists and caches live (relative to the working directory)
 * @param heartbeat how often the terminal reports its state to the hub
 */
public record TerminalSettings(String id, String dataDir, Duration heartbeat) {
  public TerminalSettings {
    Check.terminalId("id", id);
    dataDir = Check.orDefault(dataDir, "var/" + id);
    heartbeat = Check.positive("heartbeat", Check.orDefault(heartbeat, Duration.ofSeconds(60)));
  }

  public Path dataPath() {
    return Path.of(dataDir);
  }
}
