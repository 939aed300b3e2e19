package jp.mynaterm.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.hub.storage.StatusRow;
import jp.mynaterm.hub.storage.Store;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** The same behaviour from SQLite and from a real PostgreSQL server. */
class StorageTest {
  @TempDir static Path dir;
  static TestPostgres postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    if (TestPostgres.installed()) postgres = TestPostgres.start();
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
    RealComponent.POSTGRESQL.require(postgres != null, "postgresql 15 is not installed");
    return new StorageSettings(postgres.jdbcUrl(), "postgres", null);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void eventsAreKeyedByTerminalAndSequenceAndTheSchemaMigratesOnce(String kind) throws Exception {
    StorageSettings s = settings(kind, "store");
    MessageFactory m = TestClient.terminal("store-" + kind);
    List<EventRow> rows = TestClient.rides(m, 1, 3).events().stream().map(r -> new EventRow("store-" + kind, r)).toList();
    try (Store store = Store.open(s)) {
      assertArrayEquals(new boolean[] {true, true, true}, store.store(rows, List.of(new StatusRow("store-" + kind, "birth", "taxi", "{}"))));
      assertArrayEquals(new boolean[] {false, true}, store.store(List.of(rows.get(1), new EventRow("other-" + kind, rows.get(0).record())), List.of()));
    }
    // Opening again runs no migration twice and finds what was committed.
    try (Store store = Store.open(s)) {
      assertEquals(List.of(1L, 2L, 3L), store.sequences("store-" + kind));
      assertEquals(List.of(1L), store.sequences("other-" + kind));
      assertEquals("taxi", store.roleOf("store-" + kind).orElseThrow());
      long v1 = store.changeRevocations("revocation-" + kind, List.of("0a", "0b"), List.of(), (f, t) -> "[]");
      long v2 = store.changeRevocations("revocation-" + kind, List.of(), List.of("0a"), (f, t) -> "[\"" + f + ">" + t + "\"]");
      assertEquals(v1 + 1, v2);
      assertEquals(List.of("[\"" + v1 + ">" + v2 + "\"]"), store.deltasAfter("revocation-" + kind, v1));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aHubOnEitherDatabaseStoresWhatATerminalPublishes(String kind) throws Exception {
    StorageSettings s = settings(kind, "hub");
    int port = TestClient.freePort();
    String id = "pub-" + kind;
    try (Hub hub = Hub.start(TestClient.hubConfig(dir.resolve("hub-" + kind), BrokerSettings.DEFAULT.withPort(port), s.url(), s.user()));
        TestClient client = new TestClient(hub.brokerUrl(), id)) {
      MessageFactory m = TestClient.terminal(id);
      client.publish(new Topics(TestClient.CITY).up(id, Topics.Up.EVENTS), new MessageCodec().encode(m.envelope(TestClient.rides(m, 1, 25))));
      TestClient.await(Duration.ofSeconds(90), "25 events stored", () -> seqs(hub, id).size() == 25);
    }
  }

  private static List<Long> seqs(Hub hub, String id) {
    try {
      return hub.store().sequences(id);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}
