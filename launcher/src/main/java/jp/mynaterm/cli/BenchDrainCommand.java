package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "drain", mixinStandardHelpOptions = true, description = "One agent drains 100,000 events queued offline.")
final class BenchDrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.notBuiltYet("bench drain");
  }
}
