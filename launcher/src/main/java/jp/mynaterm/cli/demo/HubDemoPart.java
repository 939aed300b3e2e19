package jp.mynaterm.cli.demo;

import java.util.List;
import java.util.Map;
import jp.mynaterm.cli.ExampleConfigs;
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
    HubConfig config = ExampleConfigs.hub(context.dataRoot().resolve("hub"), Map.of("issuance.opens", "00:00", "issuance.closes", "23:59"));
    ExampleConfigs.hubPki(config); // pki init on first start: the demo runs the TLS-only broker a city runs
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
