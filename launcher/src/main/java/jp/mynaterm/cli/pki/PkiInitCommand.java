package jp.mynaterm.cli.pki;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.broker.trust.MosquittoAcl;
import jp.mynaterm.hub.pki.PkiRefused;
import jp.mynaterm.hub.pki.TerminalPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true, description = "Creates the terminal CA, the broker's certificate and the hub's own identity (once).")
final class PkiInitCommand implements Callable<Integer> {
  @Mixin HubPkiOptions options;

  @Option(names = "--broker-host", paramLabel = "HOST", description = "A further name or address terminals reach the broker by (repeatable).")
  List<String> brokerHosts = new ArrayList<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    HubConfig cfg = options.hub();
    java.util.Set<String> hosts = new java.util.LinkedHashSet<>(List.of("127.0.0.1", "localhost"));
    hosts.addAll(brokerHosts);
    String host = cfg.broker().host();
    if (!host.equals("0.0.0.0") && !host.equals("::")) hosts.add(host);
    // the hub's MQTT client id (Hub: "hub-" + its id), which its certificate must name
    String hubClient = "hub-" + cfg.hub().id();
    try {
      TerminalPki pki = TerminalPki.init(options.dir(), cfg.municipality(), hubClient, List.copyOf(hosts), Clock.systemUTC(), MosquittoAcl.EXPORT);
      var out = spec.commandLine().getOut();
      out.println("terminal CA created in " + pki.dir() + " (ca.key is owner-only; back it up offline)");
      out.println("hub identity: " + hubClient + "; broker certificate for " + String.join(", ", hosts));
      // The city's issuing key: it signs every certificate a kiosk prints and the QR code on it.
      java.nio.file.Path data = cfg.hub().dataPath();
      boolean had = jp.mynaterm.hub.issuance.IssuingKey.present(data);
      jp.mynaterm.hub.issuance.IssuingKey.loadOrCreate(data);
      out.println("issuing key: " + data.resolve(jp.mynaterm.hub.issuance.IssuingKey.PUBLIC_FILE) + (had ? " (kept)" : " (new; issuing-key.p8 is owner-only, back it up offline)")
          + ": give it to kiosks as kiosk.issuingKey and to offices for ./mynaterm verify --key");
      out.println("next: ./mynaterm pki enroll TERMINAL --role ROLE");
      return ExitCodes.OK;
    } catch (PkiRefused e) {
      throw HubPkiOptions.refused(e);
    }
  }
}
