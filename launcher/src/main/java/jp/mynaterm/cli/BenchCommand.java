package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: tap, revocation, ingest, drain, ride, issue.")
final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.notBuiltYet("bench");
  }
}
