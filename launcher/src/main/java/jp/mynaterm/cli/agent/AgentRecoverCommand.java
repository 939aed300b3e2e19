package jp.mynaterm.cli.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import jp.mynaterm.agent.Recovery;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.TerminalConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "recover",
    mixinStandardHelpOptions = true,
    description = {
      "Sends the events of an outbox file the agent set aside as damaged (outbox.db.broken-…, listed in heartbeats) to the hub,",
      "under the file's own epoch, so nothing doubles; then renames it …recovered. Run it while the terminal's agent is stopped.",
      "Exit 0: everything acknowledged; 1: some events not acknowledged in time (run again: resending is harmless)."
    })
final class AgentRecoverCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The set-aside outbox file.")
  Path file;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The terminal's configuration (its identity and broker).")
  Path config;

  @Option(names = "--timeout", defaultValue = "PT2M", paramLabel = "DURATION", description = "How long to wait for the hub's acks (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    TerminalConfig cfg = new ConfigLoader().load(Launch.resolve(config), TerminalConfig.class);
    Recovery.Result r;
    try {
      r = Recovery.recover(cfg, Launch.version(), Launch.resolve(file), timeout);
    } catch (java.io.IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage());
    }
    String refused = r.setAside() == 0 ? "" : "; " + r.setAside() + " refused by the hub, kept aside in " + r.workFile();
    if (r.recovered() == null) {
      System.out.println("incomplete: " + r.unsent() + " of " + r.events() + " events from " + file + " not acknowledged within " + timeout.toSeconds()
          + " s" + refused + "; run again (the hub ignores repeats)");
      return ExitCodes.FAILURE;
    }
    System.out.println("recovered: " + r.events() + " events from " + file + " reached the hub" + refused + "; the file is kept as " + r.recovered());
    return ExitCodes.OK;
  }
}
