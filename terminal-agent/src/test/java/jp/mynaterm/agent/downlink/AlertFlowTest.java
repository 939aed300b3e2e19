package jp.mynaterm.agent.downlink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.downlink.AlertRepository;
import jp.mynaterm.protocol.message.Alert;
import jp.mynaterm.protocol.message.AlertPriority;
import jp.mynaterm.protocol.message.AlertTargets;
import jp.mynaterm.protocol.message.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Emergency alerts through the real broker: an alert for a role reaches that role's terminals and no
 * other, each terminal's acknowledgements reach the hub, and a terminal that was away gets, when it
 * is back, the alerts still active for it — not one that expired meanwhile, not one staff withdrew.
 */
class AlertFlowTest {
  @TempDir Path dir;

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Alert alert(String id, AlertTargets targets, Instant expires) {
    return new Alert(id, Severity.EMERGENCY, Map.of("ja", "避難してください", "ja-easy", "にげて ください", "en", "Please evacuate"), expires, targets, AlertPriority.HIGH);
  }

  private static List<String> ids(Agent agent) {
    return agent.activeAlerts().stream().map(Alert::alertId).sorted().toList();
  }

  @Test
  void anAlertReachesTheRoleItIsForIsAcknowledgedAndWaitsForATerminalThatWasAway() throws Exception {
    var hubConfig = Rig.hubConfig(dir.resolve("hub"), Rig.freePort());
    var taxiConfig = Rig.taxi(dir, "taxi-a", hubConfig);
    try (Hub hub = Hub.start(hubConfig)) {
      AlertRepository acks = hub.downlink().alerts();
      Instant inAnHour = Instant.now().plusSeconds(3600);
      try (Agent counter = Agent.start(Rig.library(dir, "counter-a", hubConfig), "test");
          Agent taxi = Agent.start(taxiConfig, "test")) {
        await("both terminals are known to the hub").atMost(WAIT).until(() -> hub.terminals().roleOf("counter-a").isPresent() && hub.terminals().roleOf("taxi-a").isPresent());
        hub.downlink().sendAlert(alert("library-closed", AlertTargets.roles("library"), inAnHour), "dx-office");
        // Published after it on the same connection: once the taxi has this one, the library's would have come first.
        hub.downlink().sendAlert(alert("for-everyone", AlertTargets.ALL, inAnHour), "dx-office");
        await("the counter gets both").atMost(WAIT).until(() -> ids(counter).equals(List.of("for-everyone", "library-closed")));
        await("the taxi gets the one for all").atMost(WAIT).until(() -> ids(taxi).equals(List.of("for-everyone")));
        assertEquals(List.of("for-everyone"), taxi.downlink().activeAlerts(Instant.now()).stream().map(Alert::alertId).toList(), "nothing for the library was sent to the taxi");

        await("the counter's receipt reaches the hub").atMost(WAIT).until(() -> acks.acks("library-closed").containsKey("counter-a"));
        assertTrue(acks.acks("library-closed").get("counter-a").shown().isEmpty(), "received, not shown yet");
        counter.alertShown("library-closed");
        counter.alertShown("library-closed"); // a page shown twice is still one acknowledgement
        await("shown reaches the hub").atMost(WAIT).until(() -> acks.acks("library-closed").get("counter-a").shown().isPresent());
        assertEquals(List.of("counter-a"), List.copyOf(acks.acks("library-closed").keySet()), "only the counter acknowledged the library's alert");
      }

      // The taxi is away: one alert for it stays active, one expires, one is withdrawn, one is for the library.
      hub.downlink().sendAlert(alert("road-closed", AlertTargets.roles("taxi"), inAnHour), "dx-office");
      acks.send(alert("expired-meanwhile", AlertTargets.terminals("taxi-a"), Instant.now().minusSeconds(1)), "dx-office", Instant.now());
      hub.downlink().sendAlert(alert("false-alarm", AlertTargets.roles("taxi"), inAnHour), "dx-office");
      assertTrue(hub.downlink().withdrawAlert("false-alarm", "dx-office"));
      assertFalse(hub.downlink().withdrawAlert("false-alarm", "dx-office"), "withdrawn once");
      hub.downlink().withdrawAlert("for-everyone", "dx-office");
      try (Agent taxi = Agent.start(taxiConfig, "test")) {
        await("back, the taxi has the active one").atMost(WAIT).until(() -> ids(taxi).contains("road-closed"));
        await("and stops showing the one withdrawn while it was away").atMost(WAIT).until(() -> ids(taxi).equals(List.of("road-closed")));
        await("its receipt reaches the hub").atMost(WAIT).until(() -> acks.acks("road-closed").containsKey("taxi-a"));
        assertFalse(acks.acks("expired-meanwhile").containsKey("taxi-a"), "an expired alert is never shown");
      }
    }
  }
}
