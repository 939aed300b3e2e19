package jp.mynaterm.cli.hub;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.storage.DatabaseBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Puts a backup back as the hub's whole database; the hub must be stopped. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {"Replaces the hub's database with a backup (from hub backup, or the one taken before a migration).",
        "Stop the hub first (systemctl stop mynaterm-hub): a running hub keeps the old data open."})
final class HubRestoreCommand implements Callable<Integer> {
  @Mixin HubConfigOption options;

  @Parameters(index = "0", paramLabel = "FILE", description = "the backup")
  Path backup;

  @Override
  public Integer call() throws Exception {
    HubConfig cfg = options.hub();
    if (answers(cfg.http().host(), cfg.http().port())) {
      throw new CommandFailure(ExitCodes.FAILURE, "the hub answers on " + cfg.http().host() + ":" + cfg.http().port() + ": stop it before restoring");
    }
    DatabaseBackup.restore(cfg.storage(), backup);
    System.out.println("restored " + backup.toAbsolutePath() + " into " + cfg.storage().url().replaceAll("password=[^&]*", "password=***"));
    return ExitCodes.OK;
  }

  /** Whether something listens on the hub's HTTP port: the hub is most likely running. */
  private static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
