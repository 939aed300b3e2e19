package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "card", mixinStandardHelpOptions = true, description = "Card tools: virtual, readers, info, auth, tap.")
final class CardCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.notBuiltYet("card");
  }
}
