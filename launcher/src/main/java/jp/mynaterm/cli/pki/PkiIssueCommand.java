package jp.mynaterm.cli.pki;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.hub.pki.Pem;
import jp.mynaterm.hub.pki.PkiRefused;
import jp.mynaterm.hub.pki.TerminalPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description = {
      "On the hub: exchanges an enrollment token and the terminal's request for its certificate (with the CA's).",
      "A token given as '-' is read from standard input, which keeps it out of the process list and shell history."
    })
final class PkiIssueCommand implements Callable<Integer> {
  @Mixin HubPkiOptions options;

  @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "The token pki enroll printed, or - to read it from standard input.")
  String token;

  @Option(names = "--csr", required = true, paramLabel = "FILE", description = "The terminal's request (terminal.csr from pki request).")
  Path csr;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the certificate chain here (default: standard output).")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(csr)) throw new CommandFailure(ExitCodes.USAGE, "--csr: cannot read " + csr);
    String secret = token.equals("-") ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() : token;
    if (secret == null || secret.isBlank()) throw new CommandFailure(ExitCodes.USAGE, "--token: no token given");
    TerminalPki pki = options.open();
    try {
      X509Certificate cert = pki.issue(secret, Pem.csr(Files.readString(csr, StandardCharsets.US_ASCII), csr.toString()));
      String chain = Pem.text(cert, pki.caCertificate());
      if (out == null) {
        spec.commandLine().getOut().print(chain);
      } else {
        Pem.writePublic(out, cert, pki.caCertificate());
        spec.commandLine().getOut().println("certificate for " + jp.mynaterm.hub.pki.TerminalCa.commonName(cert) + " written to " + out);
      }
      return ExitCodes.OK;
    } catch (PkiRefused e) {
      throw HubPkiOptions.refused(e);
    } catch (java.io.IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("not a PEM certificate request")) throw new CommandFailure(ExitCodes.USAGE, "--csr: " + e.getMessage());
      throw e;
    }
  }
}
