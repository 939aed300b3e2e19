package jp.mynaterm.cli.pki;

import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "crl",
    mixinStandardHelpOptions = true,
    description = {
      "Re-signs the CRL now. The hub does it by itself; with Mosquitto, run it from cron (weekly) and reload Mosquitto,",
      "since a CRL past its next update makes every TLS connection fail."
    })
final class PkiCrlCommand implements Callable<Integer> {
  @Mixin HubPkiOptions options;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var pki = options.open();
    pki.refreshCrl(true);
    spec.commandLine().getOut().println("CRL re-signed: " + pki.crlFile());
    return ExitCodes.OK;
  }
}
