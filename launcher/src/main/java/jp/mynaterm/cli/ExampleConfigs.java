package jp.mynaterm.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.KioskConfig;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.config.TerminalConfig;
import jp.mynaterm.hub.broker.trust.MosquittoAcl;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.pki.LocalEnrollment;
import jp.mynaterm.hub.pki.PkiRefused;
import jp.mynaterm.hub.pki.TerminalPki;

/**
 * The example configurations (config/examples) as the demo and the benchmarks run them: data in a
 * directory of their own, the examples' relative paths made absolute (they may be run from
 * anywhere), the virtual cards' test PKI trusted, and a kiosk wired to a given hub on vpcd's second
 * reader, in development mode (the virtual cards' test CA and CardId key), every terminal enrolled with the hub's terminal PKI (TLS only). Each caller adds what is
 * its own (ports, hours) as more overrides.
 */
public final class ExampleConfigs {
  private ExampleConfigs() {}

  public static HubConfig hub(Path dataDir, Map<String, String> more) {
    Path examples = Launch.home().resolve("config/examples");
    Map<String, String> overrides = new HashMap<>(Map.of(
        "hub.dataDir", dataDir.toString(),
        "issuance.trustAnchors", Launch.virtualCardPki().resolve(VirtualCardPki.TRUST_ANCHORS).toString(),
        "issuance.residents", examples.resolve("residents.csv").toString(),
        "issuance.taxRecords", examples.resolve("tax-records.csv").toString(),
        "development", "true"));
    overrides.putAll(more);
    return loader(overrides).load(examples.resolve("hub.yaml"), HubConfig.class);
  }

  /** kiosk-1 on "Virtual PCD 00 01", trusting {@code hub}'s issuing key, paying by simulator and printing to files. */
  public static KioskConfig kiosk(Path dataDir, Hub hub, Map<String, String> more) {
    Map<String, String> overrides = new HashMap<>(Map.of(
        "terminal.dataDir", dataDir.toString(),
        "mqtt.url", hub.brokerUrl(),
        "card.reader", PcscDaemon.VPCD_SECOND_READER,
        "kiosk.issuingKey", hub.config().hub().dataPath().resolve("issuing-key.pub").toAbsolutePath().toString(),
        "kiosk.payment", "simulator:" + dataDir.resolve("payments.json"),
        "peripherals.printer.queue", "dir:" + dataDir.resolve("certificates"),
        "development", "true"));
    overrides.putAll(more);
    KioskConfig kiosk = loader(overrides).load(Launch.home().resolve("config/examples/kiosk.yaml"), KioskConfig.class);
    enroll(hub.config(), kiosk);
    return kiosk;
  }

  /**
   * The hub's terminal PKI, made as {@code pki init} makes it when there is none: what runs on one
   * machine (the demo, the benchmarks) enrolls its own terminals and runs the TLS-only broker.
   */
  public static TerminalPki hubPki(HubConfig hub) {
    try {
      return LocalEnrollment.hubPki(hub.hub().dataPath(), hub.municipality(), "hub-" + hub.hub().id(), MosquittoAcl.EXPORT);
    } catch (java.io.IOException | PkiRefused e) {
      throw new CommandFailure(ExitCodes.FAILURE, "terminal PKI in " + TerminalPki.in(hub.hub().dataPath()) + ": " + e.getMessage());
    }
  }

  /** Enrolls a terminal with the hub's PKI into where its agent looks for its TLS identity ({@code mqtt.tls}). */
  public static void enroll(HubConfig hub, TerminalConfig terminal) {
    try {
      Path key = terminal.mqtt().tls().keyIn(terminal.terminal().dataPath());
      LocalEnrollment.enroll(hubPki(hub), terminal.terminal().id(), terminal.role(), key.getParent());
    } catch (java.io.IOException | PkiRefused e) {
      throw new CommandFailure(ExitCodes.FAILURE, "enrolling " + terminal.terminal().id() + ": " + e.getMessage());
    }
  }

  /** Overrides by dotted key, given as the environment variables every key answers to. */
  private static ConfigLoader loader(Map<String, String> byKey) {
    Map<String, String> env = new HashMap<>();
    byKey.forEach((key, value) -> env.put(ConfigLoader.envName(key), value));
    return Launch.loaderWith(env);
  }
}
