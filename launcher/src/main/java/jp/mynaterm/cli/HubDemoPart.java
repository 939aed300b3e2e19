package jp.mynaterm.cli;

import java.util.List;
import java.util.Map;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.Hub;

/** The hub from config/examples/hub.yaml, with its embedded broker; its data under the demo's data root. */
final class HubDemoPart implements DemoPart {
  private Hub hub;

  @Override
  public List<String> start(DemoContext context) {
    String dataDir = context.dataRoot().resolve("hub").toString();
    HubConfig config =
        Launch.loaderWith(Map.of(ConfigLoader.envName("hub.dataDir"), dataDir)).load(context.examples().resolve("hub.yaml"), HubConfig.class);
    hub = Hub.start(config);
    context.put("hub", hub);
    return hub.describe();
  }

  @Override
  public void close() {
    if (hub != null) hub.close();
  }
}
