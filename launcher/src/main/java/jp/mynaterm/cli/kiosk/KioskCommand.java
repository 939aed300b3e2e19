package jp.mynaterm.cli.kiosk;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import jp.mynaterm.agent.trust.CardTrust;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.KioskConfig;
import jp.mynaterm.hardware.Peripherals;
import jp.mynaterm.kiosk.KioskTerminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "kiosk", mixinStandardHelpOptions = true, description = "Runs the self-service certificate kiosk (its page for Chromium in kiosk mode).")
public final class KioskCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "Kiosk configuration (default: ${DEFAULT-VALUE}).", defaultValue = "config/examples/kiosk.yaml")
  Path config;

  @Override
  public Integer call() throws Exception {
    Path file = Launch.resolve(config);
    String source = file.toString();
    KioskConfig cfg = new ConfigLoader().load(file, KioskConfig.class);
    jp.mynaterm.agent.Agent.refuseToFallOpen(cfg);
    var anchors = CardTrust.trustAnchors(cfg.card(), source, Launch.home(), Launch.virtualCardPki());
    try (Peripherals peripherals = Peripherals.open(cfg.peripherals(), Launch.home());
        KioskTerminal kiosk = KioskTerminal.start(cfg, source, Launch.home(), Launch.version(), anchors, peripherals, Clock.systemUTC())) {
      kiosk.watchReader();
      System.out.println("started: " + describe(kiosk, cfg));
      Launch.awaitShutdown();
    }
    return ExitCodes.OK;
  }

  /** One line for the operator: where the page is, which reader, which hub. */
  public static String describe(KioskTerminal kiosk, KioskConfig cfg) {
    return "kiosk " + kiosk.agent().terminal() + ": page http://" + cfg.kiosk().ui().host() + ":" + kiosk.port() + "/ (open it in Chromium --kiosk); reader "
        + (cfg.card().reader().isEmpty() ? "any" : "'" + cfg.card().reader() + "'") + "; hub " + cfg.mqtt().url() + "; printer "
        + (cfg.peripherals().printer().queue().isEmpty() ? "none" : cfg.peripherals().printer().queue());
  }
}
