package jp.mynaterm.cli;

import java.util.List;
import java.util.Map;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.Hub;

/**
 * The hub from config/examples/hub.yaml, with its embedded broker; its data under the demo's data
 * root. Kiosk hours are widened to the whole day so the demo's kiosk can be tried at any hour (the
 * city's are 06:30-23:00); every other rule is the example's.
 */
final class HubDemoPart implements DemoPart {
  private Hub hub;

  @Override
  public List<String> start(DemoContext context) {
    String dataDir = context.dataRoot().resolve("hub").toString();
    HubConfig config =
        Launch.loaderWith(
                Map.of(
                    ConfigLoader.envName("hub.dataDir"), dataDir,
                    // The example's paths are relative to the installation; the demo may be run from anywhere.
                    ConfigLoader.envName("issuance.trustAnchors"), CardCommand.defaultPkiDir().resolve("trust-anchors.pem").toString(),
                    ConfigLoader.envName("issuance.residents"), context.examples().resolve("residents.csv").toString(),
                    ConfigLoader.envName("issuance.taxRecords"), context.examples().resolve("tax-records.csv").toString(),
                    ConfigLoader.envName("issuance.opens"), "00:00",
                    ConfigLoader.envName("issuance.closes"), "23:59"))
            .load(context.examples().resolve("hub.yaml"), HubConfig.class);
    hub = Hub.start(config);
    context.put("hub", hub);
    List<String> lines = new java.util.ArrayList<>(hub.describe());
    lines.add("hub: kiosk hours widened to 00:00-23:59 for the demo (the city's are in config/examples/hub.yaml); closed days and weekday-only types as configured");
    return lines;
  }

  @Override
  public void close() {
    if (hub != null) hub.close();
  }
}
