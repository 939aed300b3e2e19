package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "revocation", mixinStandardHelpOptions = true, description = "Revocation store: load 1,000,000 serials, look up present and absent ones.")
final class BenchRevocationCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.notBuiltYet("bench revocation");
  }
}
