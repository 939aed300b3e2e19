package jp.mynaterm.agent.downlink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.Alert;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists, config and alerts from the hub reach a terminal, also one that was away, and stay after a reboot. */
class DownlinkFlowTest {
  @TempDir Path dir;

  private static List<String> serials(Agent agent) {
    try {
      return agent.downlink().revokedSerials().stream().sorted().toList();
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aTerminalThatWasAwayCatchesUpByVersionAndFollowsLiveChanges() throws Exception {
    int port = Rig.freePort();
    CardId rider = new CardId("RIDERAAAAAAAAAAAAAAAAAAAAA");
    var hubConfig = Rig.hubConfig(dir.resolve("hub"), port);
    try (Hub hub = Hub.start(hubConfig)) {
      // Changes made before the terminal ever connected: it gets them as snapshots on its ListSync.
      hub.downlink().revoke(List.of("0a", "0b"), List.of());
      hub.downlink().revoke(List.of("0c"), List.of("0a"));
      hub.downlink().changeAllowList("taxi", List.of(new AllowEntry(rider, "m-1", "senior", MemberStatus.ACTIVE)), List.of());
      hub.downlink().pushConfig("taxi-d", 3, MessageCodec.mapper().readTree("{\"terminal\":{\"heartbeat\":\"15s\"}}"));
      hub.downlink().alert(new Alert("snow-1", Severity.WARNING, Map.of("ja", "大雪のため運休"), Instant.now().plusSeconds(3600)));
      try (Agent agent = Agent.start(Rig.taxi(dir, "taxi-d", hubConfig), "test")) {
        // The taxi's role is what the city enrolled; the allow-list comes with the next sync.
        await("revocations arrive").atMost(Duration.ofSeconds(30)).until(() -> serials(agent).equals(List.of("0b", "0c")));
        await("config arrives").atMost(Duration.ofSeconds(30)).until(() -> agent.downlink().config().map(c -> c.version() == 3).orElse(false));
        await("pushed heartbeat interval applies").atMost(Duration.ofSeconds(10)).until(() -> agent.heartbeatInterval().equals(Duration.ofSeconds(15)));
        await("taxi allow-list arrives").atMost(Duration.ofSeconds(30)).until(() -> agent.downlink().allowEntries("taxi").stream().anyMatch(e -> e.cardId().equals(rider)));
        await("alert arrives").atMost(Duration.ofSeconds(30)).until(() -> agent.activeAlerts().size() == 1);
        // The hub's answer to the ListSync confirms the lists current: their age counts from it, and the hub stores it.
        await("lists confirmed").atMost(Duration.ofSeconds(30)).until(() -> agent.listAges().ages().containsKey(ListName.REVOCATION.wire()));
        assertEquals("ok", agent.listAges().state());
        agent.sendHeartbeat();
        await("the hub stores the lists' age and state").atMost(Duration.ofSeconds(30)).until(() -> hub.terminals().heartbeat("taxi-d")
            .map(h -> h.listAgeMs().containsKey(ListName.REVOCATION.wire()) && "ok".equals(h.peripherals().get(ListAges.STATE_KEY)))
            .orElse(false));
        // A live change is broadcast as a delta and applied on top.
        hub.downlink().revoke(List.of("0d"), List.of());
        await("live delta applied").atMost(Duration.ofSeconds(30)).until(() -> serials(agent).equals(List.of("0b", "0c", "0d")));
        assertEquals(3L, agent.downlink().versions().get(ListName.REVOCATION.wire()));
      }
      // After a reboot, offline: everything is still there.
      try (DownlinkStore store = DownlinkStore.open(dir.resolve("taxi-d").resolve("downlink.db"))) {
        assertEquals(List.of("0b", "0c", "0d"), store.revokedSerials().stream().sorted().toList());
        assertEquals(1, store.activeAlerts(Instant.now()).size());
      }
    }
  }
}
