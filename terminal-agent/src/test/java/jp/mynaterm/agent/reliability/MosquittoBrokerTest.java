package jp.mynaterm.agent.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.LongStream;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.agent.faults.TestMosquitto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's Mosquitto 2.0 as the external broker of agent and hub, with its default queue limits. */
class MosquittoBrokerTest {
  @TempDir Path dir;

  @Test
  void anAgentDeliversEveryEventThroughMosquittoExactlyOnce() throws Exception {
    int port = Rig.freePort();
    String url = "ssl://127.0.0.1:" + port;
    BrokerSettings external = new BrokerSettings(false, null, null, url, null, null, null, null);
    var hubConfig = Rig.hubConfig(dir.resolve("hub"), external, null);
    Rig.enroll(hubConfig, "taxi-m", jp.mynaterm.config.Role.TAXI, dir);
    try (TestMosquitto mosquitto = TestMosquitto.start(hubConfig, port, dir)) {
      try (Hub hub = Hub.start(hubConfig);
          Agent agent = Agent.start(Rig.taxi(dir, "taxi-m", url), "test")) {
        for (int i = 0; i < 2000; i++) agent.record(Rig.ride(i));
        await("2000 stored via Mosquitto").atMost(Duration.ofSeconds(60)).until(() -> Rig.count(hub) == 2000);
        await("outbox empties").atMost(Duration.ofSeconds(20)).until(() -> agent.outbox().depth() == 0);
        assertEquals(LongStream.rangeClosed(1, 2000).boxed().toList(), Rig.seqs(hub, "taxi-m"));
        assertEquals(20, agent.stats().receiveMaximum(), "Mosquitto's Receive Maximum, from CONNACK");
      }
    }
  }
}
