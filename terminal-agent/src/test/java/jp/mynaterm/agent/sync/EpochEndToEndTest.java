package jp.mynaterm.agent.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Recovery;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.agent.store.SqliteFile;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.storage.EventCensus;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.IssueRequestQueued;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.Heartbeat;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records lost or doubled when sequences restart, batches grow too large or events cannot be stored:
 * an agent and a hub with its embedded broker, events counted by id and content.
 */
class EpochEndToEndTest {
  private static final Duration SYNC = Duration.ofSeconds(30);
  @TempDir Path dir;

  @Test
  void aReimagedTerminalStartingAgainAtOneIsStoredAsNewAndARestoredBackupsNewEventsAreRefusedNotAckedAsRepeats() throws Exception {
    int port = Rig.freePort();
    var hubConfig = Rig.hubConfig(dir.resolve("hub"), port);
    TaxiConfig taxi = Rig.taxi(dir, "taxi-1", hubConfig);
    Path outbox = taxi.terminal().dataPath().resolve("outbox.db");
    Path backup = dir.resolve("backup.db");
    try (Hub hub = Hub.start(hubConfig)) {
      try (Agent agent = Agent.start(taxi, "test")) {
        for (int i = 1; i <= 3; i++) agent.record(Rig.ride(i));
        await("three stored").atMost(SYNC).until(() -> Rig.count(hub) == 3 && agent.outbox().depth() == 0);
      }
      Files.copy(outbox, backup); // a backup taken at sequence 3 (closed: no WAL pending)
      try (Agent agent = Agent.start(taxi, "test")) {
        for (int i = 4; i <= 5; i++) agent.record(Rig.ride(i));
        await("five stored").atMost(SYNC).until(() -> Rig.count(hub) == 5 && agent.outbox().depth() == 0);
      }
      // The backup comes back: its next sequences (4, 5) are taken at the hub by other events.
      Files.copy(backup, outbox, StandardCopyOption.REPLACE_EXISTING);
      try (Agent agent = Agent.start(taxi, "test")) {
        for (int i = 40; i <= 41; i++) assertEquals(new Appended.Committed(i - 36), agent.record(Rig.ride(i)));
        await("refused, set aside, not resent").atMost(SYNC).until(() -> agent.outbox().depth() == 0 && agent.outbox().setAsideCount() == 2);
        assertTrue(hub.ingest().conflicts() >= 2, "alerted");
        assertEquals(2, hub.events().conflicts().size(), "the second sides kept at the hub");
        assertEquals(5, Rig.count(hub), "the first sides stay");
        agent.sendHeartbeat();
        await("the heartbeat reports them").atMost(SYNC).until(() -> hub.terminals().heartbeat("taxi-1").map(Heartbeat::setAsideEvents).orElse(0L) == 2);
      }
      // Re-imaged: no outbox at all. A new epoch from sequence 1, stored as new.
      Files.delete(outbox);
      try (Agent agent = Agent.start(taxi, "test")) {
        for (int i = 100; i < 103; i++) agent.record(Rig.ride(i));
        await("stored as new").atMost(SYNC).until(() -> Rig.count(hub) == 8 && agent.outbox().depth() == 0);
      }
      EventCensus census = hub.events().census("taxi-1");
      assertEquals(8, census.stored());
      assertEquals(0, census.duplicated());
    }
  }

  @Test
  void largeEventsTravelInBatchesUnderTheMessageLimitAndOneTooLargeForAnyMessageIsSetAside() throws Exception {
    int port = Rig.freePort();
    var hubConfig = Rig.hubConfig(dir.resolve("hub"), port);
    List<UsageEvent> requests = new ArrayList<>();
    // ~8 KB each: 150 of them are well over the 512 KiB a message may carry.
    for (int i = 0; i < 150; i++) requests.add(queued("req-" + i, 4000));
    requests.add(queued("req-huge", 600_000));
    requests.add(queued("req-after", 4000));
    try (Hub hub = Hub.start(hubConfig);
        Agent agent = Agent.start(Rig.taxi(dir, "kiosk-1", hubConfig), "test")) {
      assertInstanceOf(Appended.Committed.class, agent.outbox().appendAll(requests, TerminalClock.system().now()));
      await("every request that fits a message is stored").atMost(Duration.ofSeconds(60)).until(() -> Rig.count(hub) == 151);
      await("the huge one is set aside, the outbox empty").atMost(SYNC).until(() -> agent.outbox().depth() == 0 && agent.outbox().setAsideCount() == 1);
      assertEquals(Map.of(), hub.ingest().rejects().snapshot(), "no message was refused by the hub");
    }
  }

  @Test
  void aSetAsideOutboxFileIsRecoveredUnderItsOwnEpochAndNothingDoubles() throws Exception {
    int port = Rig.freePort();
    var hubConfig = Rig.hubConfig(dir.resolve("hub"), port);
    TaxiConfig taxi = Rig.taxi(dir, "taxi-1", hubConfig);
    Path outbox = taxi.terminal().dataPath().resolve("outbox.db");
    String oldEpoch;
    try (Hub hub = Hub.start(hubConfig)) {
      try (Agent agent = Agent.start(taxi, "test")) {
        oldEpoch = agent.outbox().epoch();
        for (int i = 1; i <= 5; i++) agent.record(Rig.ride(i));
        await("five stored").atMost(SYNC).until(() -> Rig.count(hub) == 5 && agent.outbox().depth() == 0);
      }
    }
    try (Agent agent = Agent.start(taxi, "test")) {
      for (int i = 6; i <= 8; i++) agent.record(Rig.ride(i)); // the hub is away: they stay in the outbox
      assertEquals(3, agent.outbox().depth());
    }
    // The file is found damaged at the next start and set aside, events 6-8 inside it.
    Path aside = outbox.resolveSibling("outbox.db.broken-20261201-060000");
    Files.move(outbox, aside);
    try (Hub hub = Hub.start(hubConfig)) {
      try (Agent agent = Agent.start(taxi, "test")) {
        assertNotEquals(oldEpoch, agent.outbox().epoch());
        agent.record(Rig.ride(9));
        await("the new outbox's event stored").atMost(SYNC).until(() -> Rig.count(hub) == 6 && agent.outbox().depth() == 0);
        agent.sendHeartbeat();
        await("the set-aside file is reported at the hub").atMost(SYNC)
            .until(() -> hub.terminals().heartbeat("taxi-1").map(Heartbeat::setAsideFiles).orElse(List.of()).equals(List.of(aside.getFileName().toString())));
      }
      Recovery.Result r = Recovery.recover(taxi, "test", aside, SYNC);
      assertEquals(3, r.events());
      assertEquals(0, r.unsent());
      assertNotNull(r.recovered());
      assertEquals(9, Rig.count(hub), "events 6-8 arrived");
      // Recovering again resends them: the hub has them, nothing doubles.
      Recovery.Result again = Recovery.recover(taxi, "test", r.recovered(), SYNC);
      assertEquals(0, again.unsent());
      assertEquals(r.recovered(), again.recovered());
      EventCensus census = hub.events().census("taxi-1");
      assertEquals(9, census.stored());
      assertEquals(0, census.duplicated());
      assertEquals(0, hub.ingest().conflicts());
      assertEquals(List.of(), SqliteFile.setAside(outbox), "no longer reported");
      assertTrue(Files.exists(r.recovered()), "kept");
    }
  }

  private static IssueRequestQueued queued(String id, int certificateChars) {
    return new IssueRequestQueued(id, "juminhyo", Map.of(), 1, new CardId("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "A".repeat(certificateChars), "MIIC", "c2ln", "counter", "", 300);
  }
}
