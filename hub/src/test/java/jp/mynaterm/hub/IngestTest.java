package jp.mynaterm.hub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.hub.storage.EventCensus;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.protocol.codec.DecodeResult;
import jp.mynaterm.protocol.message.Ack;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Events;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.Rejected;
import jp.mynaterm.protocol.message.SeqRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's ingest against bad and repeated input, through its embedded broker. */
class IngestTest {
  @TempDir static Path dir;
  static Hub hub;
  static String url;
  static final Topics topics = new Topics(TestClient.CITY);
  static final MessageCodec codec = new MessageCodec();

  @BeforeAll
  static void start() throws Exception {
    int port = TestClient.freePort();
    hub = Hub.start(TestClient.hubConfig(dir, BrokerSettings.DEFAULT.withPort(port), null, null));
    url = hub.brokerUrl();
    await("hub connects to its broker").atMost(Duration.ofSeconds(20)).until(hub::connected);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void badMessagesAreRejectedCountedAndStoreNothingWhileGoodOnesStillGetThrough() throws Exception {
    String evil = "evil-1";
    String events = topics.up(evil, Topics.Up.EVENTS);
    MessageFactory asVictim = TestClient.terminal("victim-1");
    byte[] impostor = codec.encode(asVictim.envelope(TestClient.rides(asVictim, 1, 1)));
    String good = new String(codec.encode(TestClient.terminal(evil).envelope(TestClient.rides(TestClient.terminal(evil), 1, 1))), StandardCharsets.UTF_8);
    long before = TestClient.count(hub);
    long rejectsBefore = hub.ingest().rejects().total();
    try (TestClient client = new TestClient(hub, evil)) {
      client.publish(events, "{not json".getBytes(StandardCharsets.UTF_8));
      client.publish(events, good.replace("\"schema\":1", "\"schema\":99").getBytes(StandardCharsets.UTF_8));
      client.publish(events, new byte[MessageCodec.DEFAULT_MAX_BYTES + 1]);
      client.publish(events, impostor);
      client.publish(topics.up(evil, Topics.Up.STATUS), good.getBytes(StandardCharsets.UTF_8));
      await("five rejects counted").atMost(Duration.ofSeconds(20)).until(() -> hub.ingest().rejects().total() >= rejectsBefore + 5);
      assertEquals(before, TestClient.count(hub), "nothing stored from rejected messages");
      Map<String, Long> reasons = hub.ingest().rejects().snapshot();
      for (String reason : List.of("not-json", "unknown-schema-version", "too-large", "terminal-mismatch", "wrong-kind")) {
        assertEquals(1L, reasons.get(reason), "reason " + reason + " in " + reasons);
      }
      client.publish(events, good.getBytes(StandardCharsets.UTF_8));
      await("the hub still stores good events").atMost(Duration.ofSeconds(20)).until(() -> TestClient.count(hub) == before + 1);
      assertEquals(List.of(1L), hub.events().sequences(evil));
      assertEquals(List.of(), hub.events().sequences("victim-1"));
    }
  }

  @Test
  void aRepeatedBatchIsStoredOnceAndAcknowledgedEachTime() throws Exception {
    String id = "dup-1";
    MessageFactory m = TestClient.terminal(id);
    byte[] batch = codec.encode(m.envelope(TestClient.rides(m, 1, 10)));
    try (TestClient client = new TestClient(hub, id, topics.downAll(id))) {
      for (int i = 1; i <= 3; i++) {
        client.publish(topics.up(id, Topics.Up.EVENTS), batch);
        int acks = i;
        await("ack number " + i).atMost(Duration.ofSeconds(20)).until(() -> client.received.size() >= acks);
      }
      assertEquals(java.util.stream.LongStream.rangeClosed(1, 10).boxed().toList(), hub.events().sequences(id));
      assertTrue(client.received.stream().allMatch(r -> r.contains("\"committed\":[{\"from\":1,\"to\":10}]")), client.received.toString());
    }
  }

  @Test
  void aCompressedBatchOfRidesIsStoredAndEachRideChargedWithItOnceThoughSentTwice() throws Exception {
    String id = "charged-1";
    MessageFactory m = TestClient.terminal(id);
    byte[] batch;
    try (jp.mynaterm.protocol.codec.Zlib.Compressor c = new jp.mynaterm.protocol.codec.Zlib.Compressor()) {
      batch = c.compress(codec.encode(m.envelope(TestClient.rides(m, 1, 30))));
    }
    try (TestClient client = new TestClient(hub, id, topics.downAll(id))) {
      for (int i = 1; i <= 2; i++) {
        client.publish(topics.up(id, Topics.Up.EVENTS), batch);
        int acks = i;
        await("ack number " + i).atMost(Duration.ofSeconds(20)).until(() -> client.received.size() >= acks);
      }
    }
    assertEquals(java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList(), hub.events().sequences(id));
    var month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Tokyo"));
    var charges = java.util.stream.Stream.of(month.minusMonths(1), month, month.plusMonths(1)).flatMap(mo -> {
      try {
        return hub.taxiFares().month(mo).stream();
      } catch (java.sql.SQLException e) {
        throw new AssertionError(e);
      }
    }).filter(c -> c.vehicle().equals(id)).toList();
    assertEquals(30, charges.size(), "one charge per ride, none for the repeat");
    assertTrue(charges.stream().allMatch(c -> c.amountYen() == 300 && c.member().startsWith("unlinked:")), charges.toString());
  }

  @Test
  void ridesWhoseChargeFailsAreStoredAndAcknowledgedAllTheSame() throws Exception {
    String id = "uncharged-1";
    MessageFactory m = TestClient.terminal(id);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db"));
        java.sql.Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      s.execute("ALTER TABLE taxi_charge RENAME TO taxi_charge_away"); // every charge now fails
      try (TestClient client = new TestClient(hub, id, topics.downAll(id))) {
        client.publish(topics.up(id, Topics.Up.EVENTS), codec.encode(m.envelope(TestClient.rides(m, 1, 5))));
        await("the ack").atMost(Duration.ofSeconds(20)).until(() -> !client.received.isEmpty());
        assertTrue(client.received.getFirst().contains("\"committed\":[{\"from\":1,\"to\":5}]"), client.received.toString());
      } finally {
        s.execute("ALTER TABLE taxi_charge_away RENAME TO taxi_charge");
      }
    }
    assertEquals(java.util.stream.LongStream.rangeClosed(1, 5).boxed().toList(), hub.events().sequences(id));
  }

  @Test
  void aNewOutboxEpochStartingAgainAtOneIsStoredAsNewAndADifferentEventUnderAStoredKeyIsRefusedKeptAndAlerted() throws Exception {
    String id = "reimaged-1";
    MessageFactory m = TestClient.terminal(id);
    Events before = TestClient.rides(m, 1, 3);
    Events afterReimage = TestClient.rides(m, 1, 3); // new events, sequences 1-3 again
    try (TestClient client = new TestClient(hub, id, topics.downAll(id))) {
      client.publish(topics.up(id, Topics.Up.EVENTS), codec.encode(m.envelope(new Events("epoch-a", before.events()))));
      await("first ack").atMost(Duration.ofSeconds(20)).until(() -> client.received.size() >= 1);
      client.publish(topics.up(id, Topics.Up.EVENTS), codec.encode(m.envelope(new Events("epoch-b", afterReimage.events()))));
      await("second ack").atMost(Duration.ofSeconds(20)).until(() -> client.received.size() >= 2);
      Ack second = ack(client.received.get(1));
      assertEquals("epoch-b", second.epoch());
      assertEquals(List.of(new SeqRange(1, 3)), second.committed(), "stored as new, not taken for repeats");
      EventCensus census = hub.events().census(id);
      assertEquals(6, census.stored());
      assertEquals(0, census.duplicated());

      long conflictsBefore = hub.ingest().conflicts();
      Events other = TestClient.rides(m, 2, 1); // a different event under (epoch-a, 2)
      client.publish(topics.up(id, Topics.Up.EVENTS), codec.encode(m.envelope(new Events("epoch-a", other.events()))));
      await("third ack").atMost(Duration.ofSeconds(20)).until(() -> client.received.size() >= 3);
      Ack third = ack(client.received.get(2));
      assertEquals(List.of(), third.committed(), "never acknowledged as a repeat");
      assertEquals(List.of(new Rejected(2, Rejected.CONFLICT)), third.rejected());
      assertEquals(conflictsBefore + 1, hub.ingest().conflicts(), "alerted");
      assertTrue(hub.events().conflicts().stream().anyMatch(e -> e.record().equals(other.events().get(0))), "the second side is kept");
      assertEquals(6, hub.events().census(id).stored(), "the first side stays as it was");
    }
  }

  @Test
  void anUnreadableEventIsNamedInTheAckWhileTheRestOfItsBatchIsStored() throws Exception {
    String id = "halfbad-1";
    MessageFactory m = TestClient.terminal(id);
    String batch = new String(codec.encode(m.envelope(new Events("epoch-h", TestClient.rides(m, 1, 3).events()))), StandardCharsets.UTF_8);
    // The second ride with a negative fare: outside the contract, so that event alone cannot be stored.
    int second = batch.indexOf("\"seq\":2");
    String bad = batch.substring(0, second) + batch.substring(second).replaceFirst("\"fareYen\":300", "\"fareYen\":-1");
    try (TestClient client = new TestClient(hub, id, topics.downAll(id))) {
      client.publish(topics.up(id, Topics.Up.EVENTS), bad.getBytes(StandardCharsets.UTF_8));
      await("ack").atMost(Duration.ofSeconds(20)).until(() -> client.received.size() >= 1);
      Ack ack = ack(client.received.get(0));
      assertEquals(List.of(new SeqRange(1, 1), new SeqRange(3, 3)), ack.committed());
      assertEquals(List.of(new Rejected(2, "invalid-value")), ack.rejected());
      assertEquals(List.of(1L, 3L), hub.events().sequences(id));
    }
  }

  @Test
  void theCensusCountsTheSameEventUnderTwoKeysAsADuplicate() throws Exception {
    String id = "twice-1";
    MessageFactory m = TestClient.terminal(id);
    EventRecord event = TestClient.rides(m, 1, 1).events().get(0);
    hub.events().store(List.of(new EventRow(id, "epoch-1", event), new EventRow(id, "epoch-2", event)));
    EventCensus census = hub.events().census(id);
    assertEquals(2, census.stored());
    assertEquals(1, census.duplicated(), "the storage key differs, the event is the same");
    assertEquals(java.util.Set.of(event.id()), census.ids());
  }

  @Test
  void metricsCountWhatWasStoredRejectedAndWhoIsOnlineWithoutPersonalData() throws Exception {
    String id = "metered-1";
    // A synced clock a few seconds behind the hub's: each event's lag is recorded.
    MessageFactory m = new MessageFactory(TestClient.CITY, id,
        jp.mynaterm.protocol.time.TerminalClock.of(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofSeconds(-5)), "boot-1", true));
    Map<String, Double> before = scrape();
    List<EventRecord> records = new java.util.ArrayList<>(TestClient.rides(m, 1, 2).events());
    records.add(new EventRecord(3, m.clock().now(), new jp.mynaterm.protocol.event.CertificateIssued("juminhyo", "K7Q2-M9XD-4HRT", 1, 300, "pay-1", "ab".repeat(32))));
    try (TestClient client = new TestClient(hub, id, topics.downAll(id))) {
      client.publish(topics.up(id, Topics.Up.STATUS), codec.encode(m.envelope(new jp.mynaterm.protocol.message.Birth("1.0.0", "taxi", Map.of()))));
      client.publish(topics.up(id, Topics.Up.EVENTS), codec.encode(m.envelope(new Events("epoch-m", records))));
      client.publish(topics.up(id, Topics.Up.EVENTS), "{not json".getBytes(StandardCharsets.UTF_8));
      await("stored and acknowledged").atMost(Duration.ofSeconds(20)).until(() -> client.received.size() >= 1);
      await("the reject counted").atMost(Duration.ofSeconds(20)).until(() -> scrape().getOrDefault("mynaterm_ingest_rejects_total{reason=\"not-json\"}", 0.0) > before.getOrDefault("mynaterm_ingest_rejects_total{reason=\"not-json\"}", 0.0));
    }
    String text = get("/metrics").body();
    Map<String, Double> after = parse(text);
    assertEquals(2.0, after.get("mynaterm_ingest_events_total{type=\"RideBoarded\"}") - before.get("mynaterm_ingest_events_total{type=\"RideBoarded\"}"));
    assertEquals(1.0, after.get("mynaterm_ingest_events_total{type=\"CertificateIssued\"}") - before.get("mynaterm_ingest_events_total{type=\"CertificateIssued\"}"));
    assertEquals(1.0, after.get("mynaterm_kiosk_certificates_total{certificate_type=\"juminhyo\",outcome=\"issued\"}") - before.getOrDefault("mynaterm_kiosk_certificates_total{certificate_type=\"juminhyo\",outcome=\"issued\"}", 0.0));
    assertEquals(3.0, after.get("mynaterm_ingest_lag_seconds_count") - before.get("mynaterm_ingest_lag_seconds_count"), "one lag per new event");
    assertTrue(after.get("mynaterm_terminals{role=\"taxi\",state=\"online\"}") >= 1, "the terminal that just spoke is online: " + text);
    assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("hivemq_")), "the embedded broker's meters");
    assertTrue(!text.contains("ABCDEFGHIJKLMNOPQRSTUVWXYZ") && !text.contains(id) && !text.contains("K7Q2"), "no CardId, terminal id or certificate code");
  }

  /** The exposition text as series ({@code name{labels}}) → value; fails on a line that is not one. */
  private static Map<String, Double> parse(String text) {
    java.util.regex.Pattern sample = java.util.regex.Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (-?[0-9.]+(?:[eE][+-]?[0-9]+)?|NaN|[+-]Inf)");
    Map<String, Double> out = new java.util.HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
      var match = sample.matcher(line);
      assertTrue(match.matches(), "not a Prometheus sample line: " + line);
      out.put(match.group(1), match.group(2).equals("NaN") ? Double.NaN : match.group(2).endsWith("Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(match.group(2)));
    }
    return out;
  }

  private static Map<String, Double> scrape() throws Exception {
    var answer = get("/metrics");
    assertEquals(200, answer.statusCode());
    assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    return parse(answer.body());
  }

  private static java.net.http.HttpResponse<String> get(String path) throws Exception {
    try (var http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + hub.httpPort().orElseThrow() + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }
  }

  private static Ack ack(String received) {
    byte[] payload = received.substring(received.indexOf(' ') + 1).getBytes(StandardCharsets.UTF_8);
    return (Ack) ((DecodeResult.Decoded) codec.decode(payload)).envelope().body();
  }
}
