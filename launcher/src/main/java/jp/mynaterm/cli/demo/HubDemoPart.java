package jp.mynaterm.cli.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jp.mynaterm.cli.ExampleConfigs;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hub.Hub;

/**
 * The hub from config/examples/hub.yaml, with its embedded broker; its data under the demo's data
 * root. Kiosk hours are widened to the whole day so the demo's kiosk can be tried at any hour (the
 * city's are 06:30-23:00); every other rule is the example's. The resident register is the example's
 * with the virtual cards' certificates and sample seal impressions ({@link DemoRegister}).
 */
final class HubDemoPart implements DemoPart {
  private Hub hub;

  @Override
  public List<String> start(DemoContext context) throws IOException {
    // The cards' keys are made on first use in each installation, so the extract naming them is too.
    var pki = VirtualCardPki.openOrCreate(Launch.virtualCardPki());
    Path register = DemoRegister.write(context.examples(), pki, context.dataRoot().resolve("hub/register"));
    HubConfig config = ExampleConfigs.hub(context.dataRoot().resolve("hub"),
        Map.of("issuance.opens", "00:00", "issuance.closes", "23:59", "issuance.residents", register.toString()));
    ExampleConfigs.hubPki(config); // pki init on first start: the demo runs the TLS-only broker a city runs
    hub = Hub.start(config);
    context.put("hub", hub);
    List<String> lines = new java.util.ArrayList<>(hub.describe());
    lines.add("hub: resident register " + register + " (the example's, with the virtual cards' certificates and sample seal impressions: no counter visit needed)");
    lines.add("hub: kiosk hours widened to 00:00-23:59 for the demo (the city's are in config/examples/hub.yaml); closed days and weekday-only types as configured");
    return lines;
  }

  @Override
  public void close() {
    if (hub != null) hub.close();
  }
}
