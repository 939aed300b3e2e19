package jp.mynaterm.cli.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.Check;
import jp.mynaterm.config.DurationText;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.pki.PkiRefused;
import jp.mynaterm.hub.pki.TerminalPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = {"Opens an enrollment for a terminal and prints its one-use token (shown once, stored only hashed)."})
final class PkiEnrollCommand implements Callable<Integer> {
  @Mixin HubPkiOptions options;

  @Parameters(paramLabel = "TERMINAL", description = "The terminal's id, e.g. taxi-1.")
  String terminal;

  @Option(names = "--role", required = true, paramLabel = "ROLE", description = "What the terminal is: kiosk, taxi, library, hospital (or hub, for another hub process).")
  String role;

  @Option(names = "--valid-for", paramLabel = "DURATION", description = "How long the token is usable, at most 24h (default: ${DEFAULT-VALUE}).", defaultValue = "4h")
  String validFor;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    HubPkiOptions.argument("TERMINAL", () -> Check.terminalId("terminal", terminal));
    Role r = HubPkiOptions.argument("--role", () -> Role.of(role));
    Duration d = HubPkiOptions.argument("--valid-for", () -> DurationText.parse(validFor));
    TerminalPki pki = options.open();
    try {
      String token = pki.enroll(terminal, r, d);
      var out = spec.commandLine().getOut();
      out.println(token);
      spec.commandLine().getErr().println("enrollment token for " + terminal + " (" + r.key() + "), usable once until " + Instant.now().plus(d) + ".");
      spec.commandLine().getErr().println("on the terminal: ./mynaterm pki request --terminal " + terminal + " --out DIR; then here: ./mynaterm pki issue --token - --csr DIR/terminal.csr");
      return ExitCodes.OK;
    } catch (PkiRefused e) {
      throw HubPkiOptions.refused(e);
    }
  }
}
