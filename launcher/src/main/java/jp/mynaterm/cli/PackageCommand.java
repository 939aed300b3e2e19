package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Listed for --help; the launcher script builds the packages itself (scripts/package.sh), around the Java build. */
@Command(
    name = "package",
    mixinStandardHelpOptions = true,
    description = {"Builds the Debian packages (--out DIR [--arch amd64|arm64]...): mynaterm-common with its own Java runtime,",
        "mynaterm-hub, mynaterm-terminal, mynaterm-kiosk. See docs/deploy/raspberry-pi.md."})
final class PackageCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new CommandFailure(ExitCodes.USAGE, "build the packages through the launcher: ./mynaterm package --out DIR");
  }
}
