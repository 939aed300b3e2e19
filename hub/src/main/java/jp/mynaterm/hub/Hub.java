package jp.mynaterm.hub;

import jp.mynaterm.config.HubConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub process: the embedded broker (by default), ingest of terminal events into storage, and the
 * downlink of configuration, lists and alerts. Started and stopped as one unit.
 */
public final class Hub implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Hub.class);

  private final HubConfig config;

  private Hub(HubConfig config) {
    this.config = config;
  }

  public static Hub start(HubConfig config) {
    Hub hub = new Hub(config);
    log.info("hub {} for municipality {} started (config loaded)", config.hub().id(), config.municipality());
    return hub;
  }

  public HubConfig config() {
    return config;
  }

  /** One line per part that runs, for the demo and the operator. */
  public java.util.List<String> describe() {
    return java.util.List.of("hub " + config.hub().id() + ": configuration loaded, municipality " + config.municipality());
  }

  @Override
  public void close() {
    log.info("hub {} stopped", config.hub().id());
  }
}
