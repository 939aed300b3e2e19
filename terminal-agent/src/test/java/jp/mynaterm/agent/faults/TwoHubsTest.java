package jp.mynaterm.agent.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.KioskConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.hub.issuance.IssuingKey;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.ThrowawayPostgres;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.Request;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.ResponseBody;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.time.TerminalClock;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19 §3: two hub processes on one PostgreSQL behind Debian's Mosquitto (the deployed trust
 * configuration: TLS, client certificates, the PKI's ACL), sharing the terminals' traffic through
 * {@code $share/hubs/...}. One hub is killed with SIGKILL while both ingest three terminals'
 * backlogs; the other carries on alone: every event the terminals committed, those sent before the
 * kill and those made after it, is stored exactly once (by event id and content), and a kiosk's
 * issuance request sent after the kill is answered.
 */
class TwoHubsTest {
  private static final int TERMINALS = 3;
  private static final int BACKLOG = 2_000;
  private static final int AFTER_KILL = 200;
  private static final String GROUP = "hubs";
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Reads the hubs' output lines, each waited for with a deadline (not the common pool: one worker on 2 cores). */
  private static final java.util.concurrent.Executor READER = Thread.ofVirtual()::start;
  @TempDir Path dir;

  @Test
  @Timeout(180)
  void killingOneOfTwoHubsMidIngestLosesAndDoublesNothingAndIssuanceIsStillAnswered() throws Exception {
    TestMosquitto.require();
    RealComponent.POSTGRESQL.require(ThrowawayPostgres.installed(), "no initdb/pg_ctl under /usr/lib/postgresql/15/bin");
    int port = Rig.freePort();
    String url = "ssl://127.0.0.1:" + port;
    try (ThrowawayPostgres postgres = ThrowawayPostgres.start()) {
      String jdbc = postgres.createDatabase("twohubs") + "?user=postgres";
      // The PKI (CA, the hub identity both hubs present, the Mosquitto ACL) in one data directory both hubs run from.
      HubConfig pki = Rig.hubConfig(dir.resolve("hub"), new BrokerSettings(false, null, null, url, null, null, null, null, GROUP), jdbc);
      List<String> terminals = IntStream.rangeClosed(1, TERMINALS).mapToObj(i -> "taxi-th" + i).toList();
      terminals.forEach(t -> Rig.enroll(pki, t, Role.TAXI, dir));
      Rig.enroll(pki, "kiosk-th", Role.KIOSK, dir);
      Ledger ledger = new Ledger();
      List<Agent> agents = new ArrayList<>();
      List<Process> hubs = new ArrayList<>();
      try (TestMosquitto mosquitto = TestMosquitto.start(pki, port, dir)) {
        try {
          // Both at once, as two machines boot: Flyway takes turns on the fresh schema. The issuing key
          // is the city's, made once (on a second machine it is a copy): here before either starts.
          IssuingKey.loadOrCreate(pki.hub().dataPath());
          BufferedReader victim = startHub(hubs, pki, url, jdbc, "hub-a");
          BufferedReader survivor = startHub(hubs, pki, url, jdbc, "hub-b");
          assertStarted(victim, "hub-a");
          assertStarted(survivor, "hub-b");
          for (String t : terminals) agents.add(Agent.start(Rig.taxi(dir, t, url, Duration.ofSeconds(3), null), "test"));
          for (Agent agent : agents) {
            String t = agent.config().terminal().id();
            List<UsageEvent> backlog = IntStream.range(0, BACKLOG).<UsageEvent>mapToObj(i -> Ledger.ride(t + "-" + i)).toList();
            assertInstanceOf(Appended.Committed.class, agent.outbox().appendAll(backlog, TerminalClock.system().now()));
            backlog.forEach(ledger::committed);
          }
          // The broker gives hub-a its share: it has stored some of it. Kill it in the middle.
          assertEquals("ingesting hub-a", CompletableFuture.supplyAsync(() -> readLine(victim), READER).get(WAIT.toSeconds(), TimeUnit.SECONDS));
          hubs.getFirst().destroyForcibly(); // SIGKILL: no shutdown hook, its batch uncommitted, its acks unsent
          hubs.getFirst().waitFor();
          assertTrue(depth(agents) > 0, "the kill came before the backlogs were through");

          // Terminals go on making events while only hub-b is up.
          for (Agent agent : agents) {
            String t = agent.config().terminal().id();
            List<UsageEvent> more = IntStream.range(BACKLOG, BACKLOG + AFTER_KILL).<UsageEvent>mapToObj(i -> Ledger.ride(t + "-" + i)).toList();
            assertInstanceOf(Appended.Committed.class, agent.outbox().appendAll(more, TerminalClock.system().now()));
            more.forEach(ledger::committed);
          }
          var challenge = assertInstanceOf(ResponseBody.ChallengeIssued.class, askForIssuanceChallenge(url), "hub-b answers the kiosk");
          assertEquals(250, challenge.feeYenPerCopy(), "with the fee of a copy of the residence record");

          await("hub-b takes the rest, hub-a's share included").atMost(WAIT).until(() -> depth(agents) == 0);
          try (Database db = Database.open(new StorageSettings(jdbc, null, null))) {
            Ledger.Verdict verdict = ledger.check(new EventRepository(db), terminals.toArray(String[]::new));
            int all = TERMINALS * (BACKLOG + AFTER_KILL);
            assertEquals(new Ledger.Verdict(all, all, 0, 0, 0), verdict);
          }
        } finally { // before the broker goes: agents and hubs stop without reconnecting to nothing
          for (Agent agent : agents) agent.close();
          for (Process hub : hubs) {
            hub.destroyForcibly();
            hub.waitFor();
          }
        }
      }
    }
  }

  /** A hub of the group in its own JVM on the PKI's data directory; its output. */
  private BufferedReader startHub(List<Process> hubs, HubConfig pki, String url, String jdbc, String id) throws IOException {
    String[] args = HubProcess.group(pki.hub().dataPath(), url, jdbc, id, GROUP, Rig.freePort());
    Process hub = new ProcessBuilder(Shell.java("hub.options", List.of(), HubProcess.class, args))
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(id + ".log").toFile())).start();
    hubs.add(hub);
    return new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
  }

  private void assertStarted(BufferedReader out, String id) throws Exception {
    String line = CompletableFuture.supplyAsync(() -> readLine(out), READER).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("started " + id, line, "hub process " + id + " started (its log: " + dir.resolve(id + ".log") + ")");
  }

  private static String readLine(BufferedReader in) {
    try {
      return in.readLine();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long depth(List<Agent> agents) {
    return agents.stream().mapToLong(a -> a.outbox().depth()).sum();
  }

  /** What a kiosk does first for a certificate: asks the hub for a one-use challenge, and waits for the answer. */
  private ResponseBody askForIssuanceChallenge(String url) throws Exception {
    TaxiConfig shape = Rig.taxi(dir, "kiosk-th", url);
    KioskConfig kiosk = new KioskConfig(Role.KIOSK, Rig.CITY, shape.terminal(), shape.mqtt(), null, null, null, null, true);
    try (Agent agent = Agent.start(kiosk, "test")) {
      CompletableFuture<ResponseBody> answered = new CompletableFuture<>();
      String id = MessageFactory.newId();
      agent.onResponse(r -> {
        if (r.correlationId().equals(id)) answered.complete(r.response());
      });
      Request request = new Request(id, agent.messages().clock().now().wall().plusSeconds(30), new RequestBody.Challenge("issuance:juminhyo"));
      // Sent once connected (a request is not queued by the agent while it is away).
      await("the kiosk connects").atMost(WAIT).until(agent::connected);
      assertEquals(jp.mynaterm.protocol.mqtt.MqttSession.Sent.IN_FLIGHT, agent.request(request));
      return answered.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
