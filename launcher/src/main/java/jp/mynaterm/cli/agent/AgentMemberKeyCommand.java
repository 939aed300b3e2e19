package jp.mynaterm.cli.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mynaterm.agent.members.MemberSeal;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "member-key",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a new member key file: it seals library patron or hospital patient numbers so the hub relays links it cannot read.",
      "Make one per service (library, hospital), copy the same file to every terminal of that service, owner-only,",
      "and name it in library.memberKey or hospital.memberKey. Never give it to the hub. It refuses to overwrite a file:",
      "a new key makes the links sealed with the old one unreadable."
    })
final class AgentMemberKeyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "Where to write the key (64 hex digits).")
  Path file;

  @Override
  public Integer call() {
    Path target = Launch.resolve(file);
    if (Files.exists(target)) throw new CommandFailure(ExitCodes.USAGE, target + " exists already; a new key would make the links sealed with it unreadable");
    try {
      MemberSeal.createKeyFile(target);
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot write " + target + ": " + e.getMessage());
    }
    System.out.println("wrote " + target + " (owner-only); copy it to every terminal of the service");
    return ExitCodes.OK;
  }
}
