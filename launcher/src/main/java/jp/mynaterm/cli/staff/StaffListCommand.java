package jp.mynaterm.cli.staff;

import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.protocol.staff.StaffRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists staff accounts: user, name, roles, state (never a password or hash).")
final class StaffListCommand implements Callable<Integer> {
  @Mixin StaffOptions options;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    options.withAccounts(a -> {
      var all = a.list();
      if (all.isEmpty()) out.println("no staff accounts / 職員アカウントはありません");
      for (var account : all) {
        String state = account.disabled() ? "disabled" : account.lockedUntil().map(t -> "locked until " + t).orElse("active");
        out.println(account.userId() + "\t" + account.displayName() + "\t"
            + account.roles().stream().map(StaffRole::wire).collect(Collectors.joining(",")) + "\t" + state);
      }
    });
    return ExitCodes.OK;
  }
}
