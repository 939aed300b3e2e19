package jp.mynaterm.cli.hub;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.storage.DatabaseBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A copy of the hub's database while the hub runs (SQLite's online backup; pg_dump for PostgreSQL). */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {"Copies the hub's database while it runs: SQLite's online backup, or pg_dump (custom format) for PostgreSQL.",
        "Put it back with: mynaterm hub restore FILE (the hub stopped)."})
final class HubBackupCommand implements Callable<Integer> {
  @Mixin HubConfigOption options;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: DATADIR/backups/backup-TIME.db or .dump); never overwritten.")
  Path out;

  @Override
  public Integer call() throws Exception {
    HubConfig cfg = options.hub();
    Path target = out != null ? out : DatabaseBackup.fileIn(cfg.hub().dataPath().resolve("backups"), "backup", cfg.storage(), Instant.now());
    DatabaseBackup.backup(cfg.storage(), target);
    System.out.println("backed up to " + target.toAbsolutePath());
    return ExitCodes.OK;
  }
}
