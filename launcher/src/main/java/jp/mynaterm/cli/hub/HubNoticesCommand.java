package jp.mynaterm.cli.hub;

import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.registry.NoticeRepository;
import jp.mynaterm.hub.storage.Database;
import picocli.CommandLine.Command;

/**
 * What linking told staff to look at (a card that changed hands, a renewed card, a stale unlink),
 * read from the hub's storage; works while the hub runs. The dashboard will show these later.
 */
@Command(name = "notices", mixinStandardHelpOptions = true, description = "Prints the registries' notices for staff, newest first.")
final class HubNoticesCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin HubListOptions options;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    HubConfig cfg = options.hub();
    try (Database db = Database.open(cfg.storage())) {
      var notices = new NoticeRepository(db).newest(options.limit);
      if (notices.isEmpty()) spec.commandLine().getOut().println("no notices / お知らせはありません");
      notices.forEach(spec.commandLine().getOut()::println);
    }
    return ExitCodes.OK;
  }
}
