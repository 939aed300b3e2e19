package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Listed for --help; the launcher script runs the suite itself, before any Java is built. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = "Installs missing system packages (as root), then runs the whole test suite.")
final class TestCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new CommandFailure(ExitCodes.USAGE, "run the test suite through the launcher: ./mynaterm test");
  }
}
