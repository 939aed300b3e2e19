package jp.mynaterm.agent.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.storage.StoredEvent;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.time.SteppedClock;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal's wall clock is set back an hour, then forward two (an operator's mistake, NTP's
 * first sync on a Pi without a real-time clock), while it records and while the hub is away and
 * comes back: the hub stores every event once, in the order the terminal made them.
 */
class ClockStepTest {
  private static final int EACH = 200;
  @TempDir Path dir;

  @Test
  @Timeout(180)
  void aWallClockSetBackAndForwardAnHourChangesNeitherOrderNorDedup() throws Exception {
    int port = Rig.freePort();
    HubConfig hubConfig = Rig.hubConfig(dir.resolve("hub"), port);
    String url = Rig.enroll(hubConfig, "taxi-c", Role.TAXI, dir);
    SteppedClock wall = new SteppedClock();
    Ledger ledger = new Ledger();
    List<String> made = new ArrayList<>();
    try (Agent agent = Agent.start(Rig.taxi(dir, "taxi-c", url, Duration.ofSeconds(2), null), "test", TerminalClock.of(wall, "boot-clock-step", true))) {
      try (Hub hub = Hub.start(hubConfig)) {
        record(agent, ledger, made, "now", EACH);
        wall.step(Duration.ofHours(-1));
        record(agent, ledger, made, "back", EACH);
        await("stored with the clock set back").atMost(Duration.ofSeconds(60)).until(() -> agent.outbox().depth() == 0);
      }
      // The hub is away: these wait in the outbox, and some go out unacknowledged and are sent again.
      record(agent, ledger, made, "away", EACH);
      wall.step(Duration.ofHours(2));
      try (Hub hub = Hub.start(hubConfig)) {
        record(agent, ledger, made, "forward", EACH);
        await("everything stored with the clock set forward").atMost(Duration.ofSeconds(60)).until(() -> agent.outbox().depth() == 0);
        assertEquals(new Ledger.Verdict(4 * EACH, 4 * EACH, 0, 0, 0), ledger.check(hub, "taxi-c"));
        List<String> stored = Ledger.stored(hub, "taxi-c").stream().map(StoredEvent::record).map(r -> Ledger.id(r.event())).toList();
        assertEquals(made, stored, "the hub keeps the order the terminal made them in, whatever its clock said");
      }
    }
  }

  private static void record(Agent agent, Ledger ledger, List<String> made, String phase, int n) {
    for (int i = 0; i < n; i++) {
      RideBoarded ride = Ledger.ride(phase + "-" + i);
      assertInstanceOf(Appended.Committed.class, agent.record(ride));
      ledger.committed(ride);
      made.add(Ledger.id(ride));
    }
  }
}
