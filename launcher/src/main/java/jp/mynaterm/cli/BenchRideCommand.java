package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "ride", mixinStandardHelpOptions = true, description = "Taxi taps with a 100,000-rider allow-list and 1,000,000 revoked serials.")
final class BenchRideCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.notBuiltYet("bench ride");
  }
}
