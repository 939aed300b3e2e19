package jp.mynaterm.cli.hub;

import java.nio.file.Path;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import picocli.CommandLine.Option;

/** What the hub's listing commands (notices, requests) share: which hub, and how many lines. */
final class HubListOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Hub configuration (default: ${DEFAULT-VALUE}).", defaultValue = "config/examples/hub.yaml")
  Path config;

  @Option(names = "--limit", paramLabel = "N", description = "How many (default: ${DEFAULT-VALUE}).", defaultValue = "50")
  int limit;

  HubConfig hub() {
    return new ConfigLoader().load(Launch.resolve(config), HubConfig.class);
  }
}
