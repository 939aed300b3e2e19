package jp.mynaterm.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.mynaterm.cli.ExampleConfigs;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.members.MemberSeal;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.TerminalConfig;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.protocol.event.HospitalCheckIn;
import jp.mynaterm.protocol.event.LibraryLoan;
import jp.mynaterm.protocol.event.UsageEvent;

/**
 * One library and one hospital agent from config/examples/, in this process, talking to the demo
 * hub's broker; each sends a heartbeat and one demo event, which the hub stores. Later parts find them
 * as "agent.library" and "agent.hospital". The taxi is {@link TaxiDemoPart}.
 */
final class AgentsDemoPart implements DemoPart {
  private final List<Agent> agents = new ArrayList<>();

  @Override
  public List<String> start(DemoContext context) throws Exception {
    Hub hub = context.get("hub", Hub.class);
    List<String> lines = new ArrayList<>();
    for (String role : List.of("library", "hospital")) {
      // The service's member key, as IT staff make it with `agent member-key`: here, one terminal per service.
      Path memberKey = context.dataRoot().resolve(role).resolve("member.key");
      Files.createDirectories(memberKey.getParent());
      if (!Files.exists(memberKey)) MemberSeal.createKeyFile(memberKey);
      ConfigLoader loader =
          Launch.loaderWith(
              Map.of(
                  ConfigLoader.envName("terminal.dataDir"), context.dataRoot().resolve(role).toString(),
                  ConfigLoader.envName("mqtt.url"), hub.brokerUrl(),
                  ConfigLoader.envName(role + ".memberKey"), memberKey.toString(),
                  ConfigLoader.envName("development"), "true"));
      TerminalConfig config = loader.load(context.examples().resolve(role + ".yaml"), TerminalConfig.class);
      ExampleConfigs.enroll(hub.config(), config);
      Agent agent = Agent.start(config, Launch.version());
      agents.add(agent);
      context.put("agent." + role, agent); // the counter parts (library staff page) run on these agents
      Appended result = agent.record(demoEvent(role));
      lines.add("agent " + agent.terminal() + " (" + role + "): demo event " + result);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline && agents.stream().anyMatch(a -> a.outbox().depth() > 0)) {
      Thread.sleep(50); // waiting for the hub's acks, bounded
    }
    agents.forEach(Agent::sendHeartbeat);
    lines.add("hub: " + hub.events().count() + " events stored; terminals seen: " + hub.terminals().statusKinds());
    return lines;
  }

  private static UsageEvent demoEvent(String role) {
    return switch (role) {
      case "library" -> new LibraryLoan(false, true);
      default -> new HospitalCheckIn();
    };
  }

  @Override
  public void close() {
    for (int i = agents.size() - 1; i >= 0; i--) agents.get(i).close();
  }
}
