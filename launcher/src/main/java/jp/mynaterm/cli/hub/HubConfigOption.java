package jp.mynaterm.cli.hub;

import java.nio.file.Path;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import picocli.CommandLine.Option;

/** Which hub a command works on: its configuration file, loaded (a bad value: one line, exit 2). */
final class HubConfigOption {
  @Option(names = "--config", paramLabel = "FILE", description = "Hub configuration (default: ${DEFAULT-VALUE}).", defaultValue = "config/examples/hub.yaml")
  Path config;

  HubConfig hub() {
    return new ConfigLoader().load(Launch.resolve(config), HubConfig.class);
  }
}
