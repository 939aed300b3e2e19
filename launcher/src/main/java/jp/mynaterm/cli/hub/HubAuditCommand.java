package jp.mynaterm.cli.hub;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.audit.AuditCheckpoints;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.issuance.IssuingKey;
import jp.mynaterm.protocol.issuance.IssuingSignatures;
import jp.mynaterm.hub.storage.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The audit log of staff actions and security events: its entries, and whether its chain still holds. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log: list its entries, or verify its hash chain and signed checkpoints.",
    subcommands = {HubAuditCommand.List.class, HubAuditCommand.Verify.class})
final class HubAuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Prints the newest entries: number, time, who, what, on what.")
  static final class List implements Callable<Integer> {
    @Mixin HubListOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (Database db = Database.open(options.hub().storage())) {
        var entries = new AuditLog(db, java.time.Clock.systemUTC()).entries();
        if (entries.isEmpty()) spec.commandLine().getOut().println("no audit entries / 監査記録はありません");
        entries.subList(Math.max(0, entries.size() - options.limit), entries.size()).reversed().forEach(e -> spec.commandLine().getOut().printf(
            "%d %s %s %s %s%s%n", e.seq(), e.at(), e.actor(), e.action(), e.subject(), e.detail().isEmpty() ? "" : " (" + e.detail() + ")"));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true, description = {
      "Checks every entry against its hash and the one before it, and every daily checkpoint against the hub's key.",
      "Exit 0: intact; 1: each broken place named on a line of its own."})
  static final class Verify implements Callable<Integer> {
    @Mixin HubListOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      HubConfig cfg = options.hub();
      java.security.PublicKey key;
      try {
        key = IssuingSignatures.readPublicKey(cfg.hub().dataPath().resolve(IssuingKey.PUBLIC_FILE));
      } catch (IOException e) {
        throw new CommandFailure(ExitCodes.USAGE, "the hub's public key: " + e.getMessage());
      }
      try (Database db = Database.open(cfg.storage())) {
        var checkpoints = new AuditCheckpoints(db, java.time.Clock.systemUTC());
        java.util.List<AuditLog.Finding> findings = checkpoints.verify(key);
        int entries = new AuditLog(db, java.time.Clock.systemUTC()).entries().size();
        if (findings.isEmpty()) {
          spec.commandLine().getOut().printf("audit: %d entries, %d signed checkpoints: intact / 改ざんはありません%n", entries, checkpoints.checkpoints().size());
          return ExitCodes.OK;
        }
        findings.forEach(f -> spec.commandLine().getOut().println("audit: " + f));
        spec.commandLine().getOut().printf("audit: %d entries, %d problems / 改ざんの疑いがあります%n", entries, findings.size());
        return ExitCodes.FAILURE;
      }
    }
  }
}
