package jp.mynaterm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.TerminalConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true, description = "Runs a terminal agent: --role taxi|library|hospital.")
final class AgentCommand implements Callable<Integer> {
  enum AgentRole {
    taxi,
    library,
    hospital
  }

  @Option(names = "--role", required = true, paramLabel = "ROLE", description = "taxi, library or hospital.")
  AgentRole role;

  @Option(names = "--config", paramLabel = "FILE", description = "Terminal configuration (default: config/examples/ROLE.yaml).")
  Path config;

  @Override
  public Integer call() throws Exception {
    Path file = Launch.resolve(config != null ? config : Path.of("config/examples/" + role + ".yaml"));
    TerminalConfig cfg = new ConfigLoader().load(file, TerminalConfig.class);
    if (!cfg.role().key().equals(role.name())) {
      throw new CommandFailure(ExitCodes.USAGE, file + " is a " + cfg.role().key() + " configuration, not " + role);
    }
    try (Agent agent = Agent.start(cfg, Launch.version())) {
      System.out.println(
          "started: agent " + agent.terminal() + " (" + role + ") → " + cfg.mqtt().url() + ", outbox " + agent.outbox().file()
              + " holds " + agent.outbox().depth() + " unsent events");
      Launch.awaitShutdown();
    }
    return ExitCodes.OK;
  }
}
