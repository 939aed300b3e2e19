package jp.mynaterm.cli.staff;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.protocol.staff.StaffRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a staff account; the password is read without echo (or from standard input).")
final class StaffAddCommand implements Callable<Integer> {
  @Mixin StaffOptions options;

  @Parameters(paramLabel = "USER", description = "The user id: letters, digits, '.', '_', '-'.")
  String user;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name shown to staff.")
  String name;

  @Option(names = "--role", required = true, paramLabel = "ROLE",
      description = "administrator, kiosk-staff, library, hospital, taxi-operator or auditor; repeat for several.")
  List<String> roles;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Set<StaffRole> parsed = EnumSet.noneOf(StaffRole.class);
    for (String r : roles) {
      parsed.add(StaffRole.ofWire(r).orElseThrow(() -> new CommandFailure(ExitCodes.USAGE, "--role " + r + " is not one of administrator, kiosk-staff, library, hospital, taxi-operator, auditor")));
    }
    char[] password = options.newPassword();
    try {
      options.withAccounts(a -> a.add(user, name, parsed, java.nio.CharBuffer.wrap(password)));
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
    spec.commandLine().getOut().println("account " + user + " added / アカウントを追加しました");
    return ExitCodes.OK;
  }
}
