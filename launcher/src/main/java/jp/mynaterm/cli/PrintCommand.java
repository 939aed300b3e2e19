package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "print", mixinStandardHelpOptions = true, description = "Renders or prints a sample certificate (print sample).")
final class PrintCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.notBuiltYet("print");
  }
}
