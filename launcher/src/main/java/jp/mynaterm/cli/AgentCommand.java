package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "agent", mixinStandardHelpOptions = true, description = "Runs a terminal agent: --role taxi|library|hospital.")
final class AgentCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.notBuiltYet("agent");
  }
}
