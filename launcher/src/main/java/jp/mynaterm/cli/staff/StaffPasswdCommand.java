package jp.mynaterm.cli.staff;

import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "passwd", mixinStandardHelpOptions = true, description = "Sets a staff account's password (and lifts a lockout).")
final class StaffPasswdCommand implements Callable<Integer> {
  @Mixin StaffOptions options;

  @Parameters(paramLabel = "USER")
  String user;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    char[] password = options.newPassword();
    try {
      options.withAccounts(a -> a.setPassword(user, java.nio.CharBuffer.wrap(password)));
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
    spec.commandLine().getOut().println("password of " + user + " set / パスワードを設定しました");
    return ExitCodes.OK;
  }
}
