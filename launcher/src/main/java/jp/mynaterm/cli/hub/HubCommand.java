package jp.mynaterm.cli.hub;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.Hub;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "hub",
    mixinStandardHelpOptions = true,
    description = "Runs the hub: broker (embedded by default), ingest, storage, downlink.",
    subcommands = {HubNoticesCommand.class, HubRequestsCommand.class, HubRevocationsCommand.class, HubAuditCommand.class, HubOpendataCommand.class,
        HubAlertCommand.class, HubBackupCommand.class, HubRestoreCommand.class, HubCounterIssuanceCommand.class})
public final class HubCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "Hub configuration (default: ${DEFAULT-VALUE}).", defaultValue = "config/examples/hub.yaml")
  Path config;

  @Override
  public Integer call() throws Exception {
    HubConfig cfg = new ConfigLoader().load(Launch.resolve(config), HubConfig.class);
    try (Hub hub = Hub.start(cfg)) {
      hub.describe().forEach(line -> System.out.println("started: " + line));
      Launch.awaitShutdown();
      // The process ends now: commit and close storage, and do not wait for the broker's stop (issue #13).
      hub.closeBeforeExit();
    }
    return ExitCodes.OK;
  }
}
