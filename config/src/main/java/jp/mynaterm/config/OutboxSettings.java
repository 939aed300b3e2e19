package jp.mynaterm.config;

/**
 * The terminal's store of events not yet acknowledged by the hub. When full it refuses new events
 * (the terminal shows a fault) rather than dropping old ones.
 *
 * @param maxEvents the most events it holds; at 10^4 events a day a city has months of room
 * @param warnAtPercent from this fill level on, heartbeats and the log warn
 */
public record OutboxSettings(Long maxEvents, Integer warnAtPercent) {
  public static final OutboxSettings DEFAULT = new OutboxSettings(null, null);

  public OutboxSettings {
    maxEvents = Check.range("maxEvents", Check.orDefault(maxEvents, 1_000_000L), 10, 100_000_000);
    warnAtPercent = Check.range("warnAtPercent", Check.orDefault(warnAtPercent, 80), 1, 99);
  }
}
