package jp.mynaterm.cli.pki;

import java.util.List;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.hub.pki.PkiRefused;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = {
      "Revokes every certificate of a terminal (a lost or stolen device, or one taken out of service).",
      "The embedded broker refuses it and drops its live session within seconds; Mosquitto refuses it after 'systemctl reload mosquitto'."
    })
final class PkiRevokeCommand implements Callable<Integer> {
  @Mixin HubPkiOptions options;

  @Parameters(paramLabel = "TERMINAL")
  String terminal;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      List<String> serials = options.open().revoke(terminal);
      spec.commandLine().getOut().println(serials.isEmpty() ? terminal + " had no live certificate" : "revoked " + terminal + ": " + String.join(", ", serials));
      return ExitCodes.OK;
    } catch (PkiRefused e) {
      throw HubPkiOptions.refused(e);
    }
  }
}
