package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "receipt", mixinStandardHelpOptions = true, description = "Prints a sample reception slip (receipt sample).")
final class ReceiptCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.notBuiltYet("receipt");
  }
}
