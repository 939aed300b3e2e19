package jp.mynaterm.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.LongStream;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.hub.Hub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndToEndTest {
  @TempDir Path dir;

  @Test
  void eventsCommittedAtTheTerminalReachTheHubOnceAndLeaveTheOutbox() throws Exception {
    int port = Rig.freePort();
    var hubConfig = Rig.hubConfig(dir.resolve("hub"), port);
    try (Hub hub = Hub.start(hubConfig);
        Agent agent = Agent.start(Rig.taxi(dir, "taxi-1", hubConfig), "test")) {
      for (int i = 0; i < 300; i++) assertInstanceOf(Appended.Committed.class, agent.record(Rig.ride(i)));
      await("hub stores 300 events").atMost(Duration.ofSeconds(30)).until(() -> Rig.count(hub) == 300);
      await("outbox empties").atMost(Duration.ofSeconds(10)).until(() -> agent.outbox().depth() == 0);
      assertEquals(LongStream.rangeClosed(1, 300).boxed().toList(), hub.events().sequences("taxi-1"));
    }
  }
}
