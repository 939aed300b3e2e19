package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "tap", mixinStandardHelpOptions = true, description = "Watch readers and check every card tapped (issue 6).")
final class CardTapCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.notBuiltYet("card tap");
  }
}
