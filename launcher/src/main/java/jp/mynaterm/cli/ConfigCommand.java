package jp.mynaterm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.RoleConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Checks configuration files: 'config check FILE...' prints 'ok' or the problem, one line each.")
final class ConfigCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "check", description = "The action: check.")
  String action;

  @Parameters(index = "1..*", paramLabel = "FILE", arity = "1..*", description = "Configuration files.")
  java.util.List<Path> files;

  @Override
  public Integer call() {
    if (!"check".equals(action)) {
      throw new CommandFailure(ExitCodes.USAGE, "unknown action '" + action + "': try 'config check FILE'");
    }
    ConfigLoader loader = new ConfigLoader();
    for (Path f : files) {
      RoleConfig c = loader.load(Launch.resolve(f));
      spec.commandLine().getOut().println(f + ": ok (" + c.role().key() + ")");
    }
    return ExitCodes.OK;
  }
}
