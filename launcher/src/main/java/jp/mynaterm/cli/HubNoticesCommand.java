package jp.mynaterm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.storage.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What linking told staff to look at (a card that changed hands, a renewed card, a stale unlink),
 * read from the hub's storage; works while the hub runs. The dashboard will show these later.
 */
@Command(name = "notices", mixinStandardHelpOptions = true, description = "Prints the registries' notices for staff, newest first.")
final class HubNoticesCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "Hub configuration (default: ${DEFAULT-VALUE}).", defaultValue = "config/examples/hub.yaml")
  Path config;

  @Option(names = "--limit", paramLabel = "N", description = "How many (default: ${DEFAULT-VALUE}).", defaultValue = "50")
  int limit;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    HubConfig cfg = new ConfigLoader().load(Launch.resolve(config), HubConfig.class);
    try (Store store = Store.open(cfg.storage())) {
      var notices = store.linkNotices(limit);
      if (notices.isEmpty()) spec.commandLine().getOut().println("no notices / お知らせはありません");
      notices.forEach(spec.commandLine().getOut()::println);
    }
    return ExitCodes.OK;
  }
}
