package jp.mynaterm.cli.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.revocation.CrlImport;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.Crls;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.time.TerminalClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "revocations", mixinStandardHelpOptions = true, description = "The card revocation list terminals hold.", subcommands = HubRevocationsCommand.Import.class)
final class HubRevocationsCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /**
   * Imports the user-authentication CA's CRL into the hub's list; terminals receive the change as a
   * delta at their next list sync (a running hub also broadcasts the changes it makes itself).
   */
  @Command(name = "import", mixinStandardHelpOptions = true, description = {
      "Imports the user-authentication CA's CRL (DER or PEM): its signature checked against the card trust anchors",
      "(issuance.trustAnchors) or a CA certificate they signed (--ca); its entries replace that CA's as a new list version."})
  static final class Import implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The CRL, DER or PEM.")
    Path file;

    @Option(names = "--ca", paramLabel = "FILE", description = "CA certificates (PEM/DER) that may sign the CRL, e.g. the one cards carry; used only when a trust anchor signed them.")
    Path ca;

    @Option(names = "--config", paramLabel = "FILE", description = "Hub configuration (default: ${DEFAULT-VALUE}).", defaultValue = "config/examples/hub.yaml")
    Path config;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      HubConfig cfg = new jp.mynaterm.config.ConfigLoader().load(Launch.resolve(config), HubConfig.class);
      X509CRL crl = read(Launch.resolve(file));
      TrustAnchors anchors = load(Path.of(cfg.issuance().trustAnchors()), "issuance.trustAnchors");
      List<X509Certificate> cas = ca == null ? List.of() : load(Launch.resolve(ca), "--ca").certificates();
      var out = spec.commandLine().getOut();
      try (Database db = Database.open(cfg.storage())) {
        Downlink downlink = new Downlink(db, new Topics(cfg.municipality()), new MessageFactory(cfg.municipality(), cfg.hub().id(), TerminalClock.system()), new MessageCodec());
        CrlImport.Result r = new CrlImport(new ListRepository(db), downlink).importCrl(crl, anchors, cas, Instant.now());
        new AuditLog(db, java.time.Clock.systemUTC()).append(Launch.operator(), "revocations.import", crl.getIssuerX500Principal().getName(),
            "version " + r.version() + ": " + r.added() + " added, " + r.removed() + " removed" + (r.stale() ? "; stale" : ""));
        out.printf("imported the CRL of %s: %d revoked; %d added, %d removed; revocation list version %d%n",
            crl.getIssuerX500Principal().getName(), r.revoked(), r.added(), r.removed(), r.version());
        if (r.stale()) {
          out.printf("warning: the CRL is stale: its nextUpdate %s has passed; get the CA's newest CRL / CRL の次回更新日時を過ぎています%n", r.nextUpdate().orElseThrow());
        }
      } catch (GeneralSecurityException e) {
        throw new CommandFailure(ExitCodes.USAGE, file + ": refused: " + e.getMessage());
      }
      return ExitCodes.OK;
    }

    private static X509CRL read(Path file) {
      try {
        byte[] bytes = Files.readAllBytes(file);
        if (!Crls.looksLikeCrl(bytes)) throw new CommandFailure(ExitCodes.USAGE, file + ": not a DER or PEM CRL");
        return Crls.parse(bytes);
      } catch (IOException | CRLException e) {
        throw new CommandFailure(ExitCodes.USAGE, file + ": not a readable CRL (" + e.getMessage() + ")");
      }
    }

    private static TrustAnchors load(Path file, String what) {
      try {
        return TrustAnchors.load(file);
      } catch (IOException | RuntimeException e) {
        throw new CommandFailure(ExitCodes.USAGE, what + ": " + e.getMessage());
      }
    }
  }
}
