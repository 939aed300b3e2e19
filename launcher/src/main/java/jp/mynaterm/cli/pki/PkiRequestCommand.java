package jp.mynaterm.cli.pki;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.Check;
import jp.mynaterm.hub.pki.PkiRefused;
import jp.mynaterm.hub.pki.TerminalKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "request",
    mixinStandardHelpOptions = true,
    description = "On the terminal: makes its key (owner-only, it never leaves the device) and a certificate request naming it.")
final class PkiRequestCommand implements Callable<Integer> {
  @Option(names = "--terminal", required = true, paramLabel = "ID", description = "This terminal's id, as enrolled at the hub.")
  String terminal;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the key, the request and later the certificate live.")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    HubPkiOptions.argument("--terminal", () -> Check.terminalId("terminal", terminal));
    try {
      TerminalKeys.request(terminal, out);
    } catch (PkiRefused e) {
      throw HubPkiOptions.refused(e);
    }
    spec.commandLine().getOut().println("key " + out.resolve(TerminalKeys.KEY) + " (owner-only) and request " + out.resolve(TerminalKeys.CSR));
    spec.commandLine().getOut().println("take the request to the hub: ./mynaterm pki issue --token TOKEN --csr terminal.csr --out " + TerminalKeys.CERT);
    return ExitCodes.OK;
  }
}
