package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "issue", mixinStandardHelpOptions = true, description = "Certificate issuances from PIN to print job, against card operations alone.")
final class BenchIssueCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.notBuiltYet("bench issue");
  }
}
