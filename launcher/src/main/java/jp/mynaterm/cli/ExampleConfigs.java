package jp.mynaterm.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.KioskConfig;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hub.Hub;

/**
 * The example configurations (config/examples) as the demo and the benchmarks run them: data in a
 * directory of their own, the examples' relative paths made absolute (they may be run from
 * anywhere), the virtual cards' test PKI trusted, and a kiosk wired to a given hub on vpcd's second
 * reader. Each caller adds what is its own (ports, hours) as more overrides.
 */
public final class ExampleConfigs {
  private ExampleConfigs() {}

  public static HubConfig hub(Path dataDir, Map<String, String> more) {
    Path examples = Launch.home().resolve("config/examples");
    Map<String, String> overrides = new HashMap<>(Map.of(
        "hub.dataDir", dataDir.toString(),
        "issuance.trustAnchors", Launch.virtualCardPki().resolve(VirtualCardPki.TRUST_ANCHORS).toString(),
        "issuance.residents", examples.resolve("residents.csv").toString(),
        "issuance.taxRecords", examples.resolve("tax-records.csv").toString()));
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
        "peripherals.printer.queue", "dir:" + dataDir.resolve("certificates")));
    overrides.putAll(more);
    return loader(overrides).load(Launch.home().resolve("config/examples/kiosk.yaml"), KioskConfig.class);
  }

  /** Overrides by dotted key, given as the environment variables every key answers to. */
  private static ConfigLoader loader(Map<String, String> byKey) {
    Map<String, String> env = new HashMap<>();
    byKey.forEach((key, value) -> env.put(ConfigLoader.envName(key), value));
    return Launch.loaderWith(env);
  }
}
