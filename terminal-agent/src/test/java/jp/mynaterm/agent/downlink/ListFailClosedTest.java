package jp.mynaterm.agent.downlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.mynaterm.agent.outbox.Outbox;
import jp.mynaterm.agent.status.StatusSource;
import jp.mynaterm.agent.trust.CardTrust;
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.message.Heartbeat;
import jp.mynaterm.protocol.message.RevocationDelta;
import jp.mynaterm.protocol.message.RevocationSnapshot;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The revocation list fails closed: a read that breaks off keeps the list in memory and raises a
 * fault; the lists' age is known and reported, and past the maximum the terminal warns.
 */
class ListFailClosedTest {
  private static final String REVOCATION = ListName.REVOCATION.wire();
  @TempDir Path dir;

  @Test
  void aReadErrorKeepsThePreviousListInMemoryAndRaisesAFaultUntilAReadSucceeds() throws Exception {
    Path file = dir.resolve("downlink.db");
    try (DownlinkStore store = DownlinkStore.open(file)) {
      store.apply(new RevocationSnapshot(1, 1, 1, List.of("0a", "0b")));
      // Armed, this breaks the table right after the next snapshot commits, before the in-memory
      // list reads it whole: the read then fails part-way through (after its first row: "integer
      // overflow"), as a damaged page would.
      java.util.concurrent.atomic.AtomicBoolean breakNext = new java.util.concurrent.atomic.AtomicBoolean();
      store.onApplied(body -> {
        if (!breakNext.getAndSet(false)) return;
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
            Statement s = other.createStatement()) {
          s.execute("ALTER TABLE revoked RENAME TO revoked_rows");
          s.execute("CREATE VIEW revoked AS SELECT serial FROM revoked_rows WHERE serial < '0b'"
              + " UNION ALL SELECT abs(-9223372036854775808) UNION ALL SELECT serial FROM revoked_rows WHERE serial >= '0b'");
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      RevocationStore inMemory = CardTrust.followRevocations(store);
      assertTrue(inMemory.isRevoked("0a") && inMemory.isRevoked("0b"));

      breakNext.set(true);
      store.apply(new RevocationSnapshot(2, 1, 1, List.of("0a", "0b", "0c")));

      assertTrue(inMemory.isRevoked("0a"), "the previous list stays in use, not a partial one");
      assertTrue(inMemory.isRevoked("0b"), "a serial after the failing row is still refused");
      assertTrue(store.readFaults().containsKey(REVOCATION));
      ListAges ages = ListAges.of(store, Duration.ofDays(3), Instant.now());
      assertTrue(ages.warn());
      assertTrue(ages.state().contains("revocation unreadable"), ages.state());

      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = other.createStatement()) {
        s.execute("DROP VIEW revoked");
        s.execute("ALTER TABLE revoked_rows RENAME TO revoked");
      }
      store.apply(new RevocationSnapshot(3, 1, 1, List.of("0a", "0b", "0c", "0d")));
      assertTrue(inMemory.isRevoked("0c") && inMemory.isRevoked("0d"), "read whole again");
      assertEquals(Map.of(), store.readFaults());
    }
  }

  @Test
  void theListsAgeCountsFromTheHubsLastConfirmationSurvivesARebootAndWarnsPastTheMaximum() throws Exception {
    Path file = dir.resolve("downlink.db");
    Instant confirmed;
    try (DownlinkStore store = DownlinkStore.open(file)) {
      assertFalse(ListAges.of(store, Duration.ofDays(3), Instant.now()).state().equals("ok"), "no list from the hub yet");
      store.apply(new RevocationSnapshot(4, 1, 1, List.of("0a")));
      confirmed = store.confirmedAt().get(REVOCATION);
      store.confirmed(Map.of(REVOCATION, 3L), confirmed.plusSeconds(3600));
      assertEquals(confirmed, store.confirmedAt().get(REVOCATION), "a version the terminal does not hold confirms nothing");
    }
    try (DownlinkStore store = DownlinkStore.open(file)) {
      ListAges fresh = ListAges.of(store, Duration.ofDays(3), confirmed.plus(Duration.ofDays(2)));
      assertEquals(Duration.ofDays(2), fresh.ages().get(REVOCATION));
      assertEquals("ok", fresh.state());
      ListAges old = ListAges.of(store, Duration.ofDays(3), confirmed.plus(Duration.ofDays(4)));
      assertTrue(old.warn());
      assertEquals("revocation 4d old (more than 3d)", old.state());

      store.confirmed(Map.of(REVOCATION, 4L), confirmed.plus(Duration.ofDays(4)));
      assertEquals("ok", ListAges.of(store, Duration.ofDays(3), confirmed.plus(Duration.ofDays(4))).state(), "the hub's ListSync answer renews it");
    }
  }

  @Test
  void theHeartbeatCarriesTheListsAgeAndState() throws Exception {
    try (DownlinkStore store = DownlinkStore.open(dir.resolve("downlink.db"));
        Outbox outbox = Outbox.open(dir.resolve("outbox.db"), OutboxSettings.DEFAULT)) {
      store.apply(new RevocationSnapshot(1, 1, 1, List.of("0a")));
      StatusSource status = new StatusSource("test", "taxi", outbox, store, TerminalClock.system(), dir, Duration.ofDays(3));
      Heartbeat h = status.heartbeat();
      assertTrue(h.listAgeMs().containsKey(REVOCATION));
      assertEquals("ok", h.peripherals().get(ListAges.STATE_KEY));
      StatusSource strict = new StatusSource("test", "taxi", outbox, store, TerminalClock.system(), dir, Duration.ofMillis(1));
      await(() -> !"ok".equals(strict.heartbeat().peripherals().get(ListAges.STATE_KEY)));
    }
  }

  private static void await(java.util.concurrent.Callable<Boolean> condition) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(condition);
  }
}
