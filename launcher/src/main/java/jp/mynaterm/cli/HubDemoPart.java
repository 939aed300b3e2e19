package jp.mynaterm.cli;

import java.util.List;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.Hub;

/** The hub from config/examples/hub.yaml. */
final class HubDemoPart implements DemoPart {
  private Hub hub;

  @Override
  public List<String> start(DemoContext context) {
    HubConfig config = context.loader().load(context.examples().resolve("hub.yaml"), HubConfig.class);
    hub = Hub.start(config);
    context.put("hub", hub);
    return hub.describe();
  }

  @Override
  public void close() {
    if (hub != null) hub.close();
  }
}
