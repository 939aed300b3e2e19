package jp.mynaterm.cli.staff;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mynaterm hub staff}: the staff accounts the hub keeps (roles, password hashes, disabled). */
@Command(
    name = "staff",
    mixinStandardHelpOptions = true,
    description = "Manages staff accounts: add, passwd, disable, list. / 職員アカウントの管理。",
    subcommands = {StaffAddCommand.class, StaffPasswdCommand.class, StaffDisableCommand.class, StaffListCommand.class})
public final class StaffCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
