package jp.mynaterm.cli.hub;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.issuance.QueuedRequests;
import jp.mynaterm.hub.storage.Database;
import picocli.CommandLine.Command;

/**
 * The certificate requests residents left at kiosks while the hub was unreachable, for the counter
 * (or the post): which kiosk, when, what, the resident id behind the card, and whether the card's
 * signature over the request checks out. Names are not printed; staff look the resident up by id.
 */
@Command(name = "requests", mixinStandardHelpOptions = true, description = "Lists the card-signed certificate requests queued at kiosks, newest first.")
final class HubRequestsCommand implements Callable<Integer> {
  private static final DateTimeFormatter JST = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

  @picocli.CommandLine.Mixin HubListOptions options;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    HubConfig cfg = options.hub();
    var out = spec.commandLine().getOut();
    try (Database db = Database.open(cfg.storage())) {
      var requests = QueuedRequests.from(cfg, db, Clock.systemUTC()).list(options.limit);
      if (requests.isEmpty()) out.println("no queued requests / 保留中の申請はありません");
      for (var q : requests) {
        var r = q.request();
        out.printf("%s  %s at %s (JST): %s x%d %s; resident %s; %s%n", r.requestId(), q.terminal(), JST.format(q.requestedAt()), r.certificateType(),
            r.copies(), r.options().isEmpty() ? "" : new java.util.TreeMap<>(r.options()), q.residentId().orElse("unknown (card not linked) / 未登録"),
            q.check().text);
      }
    }
    return ExitCodes.OK;
  }
}
