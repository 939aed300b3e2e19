package jp.mynaterm.hub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.hub.storage.Stored;
import jp.mynaterm.hub.storage.StoredEvent;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.hub.storage.StatusRow;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.hub.storage.ThrowawayPostgres;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** The same behaviour from SQLite and from a real PostgreSQL server, which is also restarted and raced on. */
class StorageTest {
  @TempDir static Path dir;
  static ThrowawayPostgres postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    if (ThrowawayPostgres.installed()) postgres = ThrowawayPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) postgres.close();
  }

  static Stream<String> databases() {
    return Stream.of("sqlite", "postgresql");
  }

  private static StorageSettings settings(String kind, String name) {
    if (kind.equals("sqlite")) return new StorageSettings("jdbc:sqlite:" + dir.resolve(name + ".db"), null, null);
    return new StorageSettings(postgresOrSkip().jdbcUrl(), "postgres", null);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void eventsAreKeyedByTerminalAndSequenceAndTheSchemaMigratesOnce(String kind) throws Exception {
    StorageSettings s = settings(kind, "store");
    MessageFactory m = TestClient.terminal("store-" + kind);
    List<EventRow> rows = TestClient.rides(m, 1, 3).events().stream().map(r -> new EventRow("store-" + kind, r)).toList();
    try (Database db = Database.open(s)) {
      EventRepository events = new EventRepository(db);
      Stored[] fresh = db.write(c -> {
        Stored[] f = events.insert(c, rows, Instant.now());
        new TerminalRepository(db).saveStatuses(c, List.of(new StatusRow("store-" + kind, "birth", "taxi", "{}")), Instant.now());
        return f;
      });
      assertArrayEquals(new Stored[] {Stored.NEW, Stored.NEW, Stored.NEW}, fresh);
      assertArrayEquals(new Stored[] {Stored.REPEAT, Stored.NEW}, events.store(List.of(rows.get(1), new EventRow("other-" + kind, rows.get(0).record()))));
      EventRow sameKeyOtherEvent = TestClient.rides(m, 1, 1).events().stream().map(r -> new EventRow("store-" + kind, r)).findFirst().orElseThrow();
      assertArrayEquals(new Stored[] {Stored.CONFLICT}, events.store(List.of(sameKeyOtherEvent)), "a different event under a stored key is no repeat");
      assertEquals(List.of(sameKeyOtherEvent.record()), events.conflicts().stream().map(StoredEvent::record).toList(), "kept aside");
    }
    // Opening again runs no migration twice and finds what was committed.
    try (Database db = Database.open(s)) {
      EventRepository events = new EventRepository(db);
      ListRepository lists = new ListRepository(db);
      assertEquals(List.of(1L, 2L, 3L), events.sequences("store-" + kind));
      assertEquals(List.of(1L), events.sequences("other-" + kind));
      assertEquals(3, events.lastSequence("store-" + kind));
      assertEquals(0, events.lastSequence("nobody-" + kind));
      assertEquals(List.of(2L), events.after("store-" + kind, 1, List.of("RideBoarded", "TapRefused"), 1).stream().map(e -> e.key().seq()).toList());
      assertEquals(List.of(), events.after("store-" + kind, 0, List.of("TapRefused"), 10), "only the types asked for");
      assertEquals("taxi", new TerminalRepository(db).roleOf("store-" + kind).orElseThrow());
      long v1 = lists.changeRevocations("revocation-" + kind, List.of("0a", "0b"), List.of(), (f, t) -> "[]");
      long v2 = lists.changeRevocations("revocation-" + kind, List.of(), List.of("0a"), (f, t) -> "[\"" + f + ">" + t + "\"]");
      assertEquals(v1 + 1, v2);
      assertEquals(List.of("[\"" + v1 + ">" + v2 + "\"]"), lists.deltasAfter("revocation-" + kind, v1));
      assertEquals(List.of("0b"), lists.revokedEntries());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aFailedTransactionLeavesNothingBehind(String kind) throws Exception {
    try (Database db = Database.open(settings(kind, "rollback"))) {
      ListRepository lists = new ListRepository(db);
      long before = lists.version("rollback-" + kind);
      assertThrows(IllegalStateException.class, () -> lists.changeAllowList("rollback-" + kind, "taxi", List.of(), List.of(), (f, t) -> "[]", c -> {
        throw new IllegalStateException("the work alongside failed");
      }));
      assertEquals(before, lists.version("rollback-" + kind), "no version made");
      assertEquals(List.of(), lists.deltasAfter("rollback-" + kind, 0));
    }
  }

  @Test
  void everyPooledSqliteConnectionHasTheHubsPragmas() throws Exception {
    try (Database db = Database.open(settings("sqlite", "pragmas"))) {
      // Readers and the writer come from different pools; both must have been set up.
      for (int i = 0; i < 6; i++) {
        assertEquals("wal", db.read(c -> pragma(c, "journal_mode")));
        assertEquals("2", db.read(c -> pragma(c, "synchronous")), "FULL: an ack means on disk");
        assertEquals("10000", db.read(c -> pragma(c, "busy_timeout")));
        assertEquals("-32768", db.read(c -> pragma(c, "cache_size")));
      }
      assertEquals("2", db.write(c -> pragma(c, "synchronous")));
      assertEquals("-32768", db.write(c -> pragma(c, "cache_size")));
    }
  }

  private static String pragma(Connection c, String name) throws java.sql.SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** A database the hand-rolled migrations made (schema_version at 3) opens with Flyway: baselined, data kept, migrations continue. */
  @ParameterizedTest
  @MethodSource("databases")
  void aVersion3DatabaseFromBeforeFlywayIsUpgradedWithItsData(String kind) throws Exception {
    StorageSettings s = kind.equals("sqlite") ? settings(kind, "v3") : new StorageSettings(postgresOrSkip().createDatabase("v3"), "postgres", null);
    MessageFactory m = TestClient.terminal("old-" + kind);
    var oldRide = TestClient.rides(m, 1, 1).events().get(0);
    try (Connection c = DriverManager.getConnection(s.url(), s.user(), null);
        Statement st = c.createStatement()) {
      String ddl = new String(StorageTest.class.getResourceAsStream("/storage/schema-v3-before-flyway.sql").readAllBytes(), StandardCharsets.UTF_8);
      for (String sql : ddl.replaceAll("(?m)^--.*$", "").split(";")) if (!sql.isBlank()) st.execute(sql);
      st.execute("INSERT INTO events (terminal, seq, event_type, wall, boot_id, mono_ms, synced, received_at, record) VALUES ('old-" + kind + "', 1,"
          + " 'RideBoarded', '" + oldRide.time().wall() + "', 'boot', 1, 1, '2026-10-01T00:00:00Z', '" + MessageCodec.write(oldRide) + "')");
      // A library loan as terminals sent them before loans became counts: card, patron and item.
      String oldLoan = MessageCodec.write(new jp.mynaterm.protocol.message.EventRecord(9, "loan-9", oldRide.time(), new jp.mynaterm.protocol.event.LibraryLoan(false, true)))
          .replace("\"type\":\"LibraryLoan\"", "\"type\":\"LibraryLoan\",\"cardId\":\"" + "A".repeat(26) + "\",\"patron\":\"P-7781\",\"item\":\"9784000000001\"");
      assertTrue(oldLoan.contains("P-7781"), oldLoan);
      st.execute("INSERT INTO events (terminal, seq, event_type, wall, boot_id, mono_ms, synced, received_at, record) VALUES ('old-" + kind + "', 9,"
          + " 'LibraryLoan', '" + oldRide.time().wall() + "', 'boot', 9, 1, '2026-10-01T00:00:00Z', '" + oldLoan + "')");
    }
    try (Database db = Database.open(s)) {
      EventRepository events = new EventRepository(db);
      assertEquals(List.of(1L, 9L), events.sequences("old-" + kind), "the old rows are kept");
      String loan = recordOf(s, "old-" + kind, 9);
      assertFalse(loan.contains("P-7781") || loan.contains("9784000000001") || loan.contains("A".repeat(26)), "the stored loan became a count: " + loan);
      assertTrue(loan.contains("LibraryLoan"), loan);
      // Stored before epochs: the same event again, from an outbox of the same (legacy) epoch, is a repeat.
      assertArrayEquals(new Stored[] {Stored.REPEAT, Stored.NEW}, events.store(List.of(new EventRow("old-" + kind, oldRide), new EventRow("old-" + kind, TestClient.rides(m, 2, 1).events().get(0)))));
      assertEquals(1, new ListRepository(db).changeRevocations("revocation", List.of("0c"), List.of(), (f, t) -> "[]"));
    }
    try (Connection c = DriverManager.getConnection(s.url(), s.user(), null);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, type, success FROM flyway_schema_history ORDER BY installed_rank")) {
      List<String> history = new java.util.ArrayList<>();
      while (rs.next()) history.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
      assertEquals(List.of("3 BASELINE true", "4 SQL true", "5 SQL true", "6 SQL true", "6.7 SQL true", "6.8 JDBC true", "6.9 SQL true", "7.2 SQL true", "8.1 SQL true", "8.2 SQL true", "8.5 SQL true", "8.6 JDBC true", "9.1 SQL true", "10.1 SQL true", "12.1 SQL true", "14.1 SQL true", "15.1 SQL true"), history, "baselined at 3, then only what came after");
      assertFalse(c.getMetaData().getTables(null, c.getSchema(), "schema_version", null).next(), "one history: the old table is gone");
    }
  }

  private static String recordOf(StorageSettings s, String terminal, long seq) throws java.sql.SQLException {
    try (Connection c = DriverManager.getConnection(s.url(), s.user(), null);
        java.sql.PreparedStatement p = c.prepareStatement("SELECT record FROM events WHERE terminal = ? AND seq = ?")) {
      p.setString(1, terminal);
      p.setLong(2, seq);
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next(), terminal + " " + seq + " is stored");
        return rs.getString(1);
      }
    }
  }

  private static ThrowawayPostgres postgresOrSkip() {
    RealComponent.POSTGRESQL.require(postgres != null, "postgresql 15 is not installed");
    return postgres;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aHubOnEitherDatabaseStoresWhatATerminalPublishes(String kind) throws Exception {
    StorageSettings s = settings(kind, "hub");
    int port = TestClient.freePort();
    String id = "pub-" + kind;
    try (Hub hub = Hub.start(TestClient.hubConfig(dir.resolve("hub-" + kind), BrokerSettings.DEFAULT.withPort(port), s.url(), s.user()));
        TestClient client = new TestClient(hub, id)) {
      MessageFactory m = TestClient.terminal(id);
      client.publish(new Topics(TestClient.CITY).up(id, Topics.Up.EVENTS), new MessageCodec().encode(m.envelope(TestClient.rides(m, 1, 25))));
      await("25 events stored").atMost(Duration.ofSeconds(90)).until(() -> seqs(hub, id).size() == 25);
    }
  }

  private static List<Long> seqs(Hub hub, String id) {
    try {
      return hub.events().sequences(id);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Two hubs store the same events at once (a message redelivered to the other hub while the first
   * commits it): the second insert waits for the first transaction and finds a repeat, never a
   * second row and never a false conflict.
   */
  @Test
  void twoHubsStoringTheSameEventsAtOnceStoreThemOnce() throws Exception {
    String url = postgresOrSkip().createDatabase("same_events");
    StorageSettings s = new StorageSettings(url, "postgres", null);
    MessageFactory m = TestClient.terminal("race-1");
    List<EventRow> rows = TestClient.rides(m, 1, 5).events().stream().map(r -> new EventRow("race-1", "e1", r)).toList();
    try (Database a = Database.open(s);
        Database b = Database.open(s);
        var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      java.util.concurrent.CountDownLatch inserted = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
      var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> store(a, rows, inserted, commit), threads);
      assertTrue(inserted.await(30, TimeUnit.SECONDS), "hub a inserted, not committed");
      var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> store(b, rows, null, null), threads);
      await("hub b waits on hub a's rows").atMost(Duration.ofSeconds(30)).until(() -> waitingOnLocks(a) > 0);
      commit.countDown();
      assertArrayEquals(new Stored[] {Stored.NEW, Stored.NEW, Stored.NEW, Stored.NEW, Stored.NEW}, first.get(30, TimeUnit.SECONDS));
      assertArrayEquals(new Stored[] {Stored.REPEAT, Stored.REPEAT, Stored.REPEAT, Stored.REPEAT, Stored.REPEAT}, second.get(30, TimeUnit.SECONDS));
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), new EventRepository(a).sequences("race-1"));
    }
  }

  private static Stored[] store(Database db, List<EventRow> rows, java.util.concurrent.CountDownLatch inserted, java.util.concurrent.CountDownLatch commit) {
    try {
      return db.write(c -> {
        Stored[] outcome = new EventRepository(db).insert(c, rows, Instant.now());
        if (inserted != null) {
          inserted.countDown();
          try {
            commit.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return outcome;
      });
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static int waitingOnLocks(Database db) throws java.sql.SQLException {
    return db.first("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", rs -> rs.getInt(1)).orElse(0);
  }

  /** A daily job (retention, audit checkpoints) runs on one hub of a group at a time; the other skips it. */
  @Test
  void aBackgroundJobRunsOnOneHubAtATime() throws Exception {
    StorageSettings s = new StorageSettings(postgresOrSkip().createDatabase("jobs"), "postgres", null);
    try (Database a = Database.open(s);
        Database b = Database.open(s)) {
      List<String> ran = new ArrayList<>();
      assertTrue(a.alone("retention", () -> {
        ran.add("a");
        assertFalse(b.alone("retention", () -> ran.add("b")), "hub b finds the job taken");
        assertTrue(b.alone("alerts", () -> ran.add("b alerts")), "another job is not held");
      }));
      assertTrue(b.alone("retention", () -> ran.add("b")), "free again once hub a is done");
      assertEquals(List.of("a", "b alerts", "b"), ran);
    }
  }

  /** The PostgreSQL server restarts while a terminal keeps sending: the hub gets new connections and stores everything once. */
  @Test
  void aServerRestartMidIngestLosesNothingAndDoublesNothing() throws Exception {
    String url = postgresOrSkip().createDatabase("restart");
    String id = "restart-1";
    String topic = new Topics(TestClient.CITY).up(id, Topics.Up.EVENTS);
    MessageCodec codec = new MessageCodec();
    MessageFactory m = TestClient.terminal(id);
    int perMessage = 20;
    List<byte[]> messages = new ArrayList<>();
    for (int i = 0; i < 20; i++) messages.add(codec.encode(m.envelope(TestClient.rides(m, 1 + i * perMessage, perMessage))));
    try (Hub hub = Hub.start(TestClient.hubConfig(dir.resolve("restart-hub"), BrokerSettings.DEFAULT.withPort(TestClient.freePort()), url, "postgres"));
        TestClient client = new TestClient(hub, id)) {
      for (int i = 0; i < 10; i++) client.publish(topic, messages.get(i));
      await("the first 200 events stored").atMost(Duration.ofSeconds(60)).until(() -> sequencesOrNone(hub, id).size() == 200);

      postgres.stopServer();
      try {
        // Sent while the server is down: the hub's pooled connections are dead; its commits fail and are retried.
        for (int i = 10; i < 20; i++) client.publish(topic, messages.get(i));
        await("a commit failed and is being retried").atMost(Duration.ofSeconds(60)).until(() -> hub.ingest().retries() > 0);
      } finally {
        postgres.startServer(); // the same port and data directory, as after an operator's restart
      }

      // The terminal also sends some again (as it does when an ack is lost).
      client.publish(topic, messages.get(9));
      client.publish(topic, messages.get(10));
      await("all 400 events stored").atMost(Duration.ofSeconds(90)).until(() -> sequencesOrNone(hub, id).size() >= 400);
      assertEquals(LongStream.rangeClosed(1, 400).boxed().toList(), sequencesOrNone(hub, id), "each event once, none missing");
      assertEquals(400, hub.events().count());
      assertEquals(0, hub.events().census(id).duplicated(), "no event twice, by id or content");
      assertEquals(0, hub.ingest().conflicts());
    }
  }

  private static List<Long> sequencesOrNone(Hub hub, String id) {
    try {
      return hub.events().sequences(id);
    } catch (java.sql.SQLException e) {
      return List.of(); // the server is away; ask again
    }
  }

  /** Two hubs start at the same instant on one fresh PostgreSQL database: both migrate it, and it is migrated once. */
  @Test
  void twoProcessesMigratingOneFreshDatabaseAtOnceBothSucceedAndEachStepRunsOnce() throws Exception {
    String url = postgresOrSkip().createDatabase("race");
    Path go = dir.resolve("race-go");
    List<Process> hubs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path ready = dir.resolve("race-ready-" + i);
      hubs.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                  MigratingHub.class.getName(), url, ready.toString(), go.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("race-hub-" + i + ".log").toFile())
              .start());
      await("process " + i + " is ready").atMost(Duration.ofSeconds(60)).until(() -> Files.exists(ready));
    }
    Files.createFile(go);
    for (int i = 0; i < 2; i++) {
      Process p = hubs.get(i);
      if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
      String log = Files.readString(dir.resolve("race-hub-" + i + ".log"), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), "process " + i + " failed:\n" + log);
    }
    try (Connection c = DriverManager.getConnection(url, "postgres", null);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank")) {
      List<String> history = new ArrayList<>();
      while (rs.next()) history.add(rs.getString(1) + " " + rs.getBoolean(2));
      assertEquals(List.of("1 true", "2 true", "3 true", "4 true", "5 true", "6 true", "6.7 true", "6.8 true", "6.9 true", "7.2 true", "8.1 true", "8.2 true", "8.5 true", "8.6 true", "9.1 true", "10.1 true", "12.1 true", "14.1 true", "15.1 true"), history, "each migration once, all succeeded");
    }
  }
}
