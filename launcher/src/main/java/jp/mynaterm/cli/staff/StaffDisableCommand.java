package jp.mynaterm.cli.staff;

import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "disable", mixinStandardHelpOptions = true, description = "Disables a staff account: it signs in nowhere any more.")
final class StaffDisableCommand implements Callable<Integer> {
  @Mixin StaffOptions options;

  @Parameters(paramLabel = "USER")
  String user;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    options.withAccounts(a -> a.disable(user));
    spec.commandLine().getOut().println("account " + user + " disabled / アカウントを無効にしました");
    return ExitCodes.OK;
  }
}
