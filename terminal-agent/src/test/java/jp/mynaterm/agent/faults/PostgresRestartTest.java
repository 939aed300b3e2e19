package jp.mynaterm.agent.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.storage.ThrowawayPostgres;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.time.TerminalClock;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's PostgreSQL is restarted (pg_ctl stop -m fast, then start: open connections end) while
 * the hub ingests a terminal's backlog: the hub keeps its batch, retries on fresh connections, acks
 * nothing it has not committed, and every event is stored once.
 */
class PostgresRestartTest {
  private static final int BACKLOG = 20_000;
  @TempDir Path dir;

  @Test
  @Timeout(300)
  void restartingPostgresMidIngestLosesAndDoublesNothing() throws Exception {
    RealComponent.POSTGRESQL.require(ThrowawayPostgres.installed(), "no initdb/pg_ctl under /usr/lib/postgresql/15/bin");
    try (ThrowawayPostgres postgres = ThrowawayPostgres.start()) {
      int port = Rig.freePort();
      HubConfig hubConfig = Rig.hubConfig(dir.resolve("hub"), BrokerSettings.DEFAULT.withPort(port), postgres.createDatabase("faults") + "?user=postgres");
      String url = Rig.enroll(hubConfig, "taxi-pg", Role.TAXI, dir);
      Ledger ledger = new Ledger();
      try (Agent agent = Agent.start(Rig.taxi(dir, "taxi-pg", url, Duration.ofSeconds(3), null), "test");
          Hub hub = Hub.start(hubConfig)) {
        List<UsageEvent> backlog = IntStream.range(0, BACKLOG).<UsageEvent>mapToObj(i -> Ledger.ride("pg-" + i)).toList();
        assertInstanceOf(Appended.Committed.class, agent.outbox().appendAll(backlog, TerminalClock.system().now()));
        backlog.forEach(ledger::committed);
        await("hub ingests").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> agent.outbox().depth() < BACKLOG);
        postgres.stopServer();
        await("the hub meets the stopped database").atMost(Duration.ofSeconds(60)).until(() -> hub.ingest().retries() > 0);
        assertTrue(agent.outbox().depth() > 0, "the restart came before the backlog was through");
        postgres.startServer();
        await("the rest after the restart").atMost(Duration.ofSeconds(120)).until(() -> agent.outbox().depth() == 0);
        assertEquals(new Ledger.Verdict(BACKLOG, BACKLOG, 0, 0, 0), ledger.check(hub, "taxi-pg"));
      }
    }
  }
}
