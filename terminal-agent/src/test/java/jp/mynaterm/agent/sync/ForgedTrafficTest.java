package jp.mynaterm.agent.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.broker.EmbeddedBroker;
import jp.mynaterm.hub.broker.trust.BrokerTrust;
import jp.mynaterm.hub.pki.PkiFixtures;
import jp.mynaterm.hub.pki.TerminalPki;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.Ack;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Events;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.RevocationDelta;
import jp.mynaterm.protocol.message.SeqRange;
import jp.mynaterm.protocol.mqtt.MqttSession;
import jp.mynaterm.protocol.mqtt.MqttTls;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forged traffic against a real agent and hub over the TLS-only broker: an enrolled terminal cannot
 * acknowledge another terminal's events or publish events in its name (the broker refuses), and an
 * ack that reaches the agent on a topic other than its own down branch deletes nothing.
 */
class ForgedTrafficTest {
  private static final Topics TOPICS = new Topics(Rig.CITY);
  private static final MessageCodec CODEC = new MessageCodec();
  @TempDir Path dir;

  private static MqttSession client(HubConfig hub, String id, MqttTls tls) {
    MqttSession s = new MqttSession(MqttSession.Options.builder(hub.broker().url(), id).tls(tls).build(), (topic, m, ack) -> {}).start();
    await(id + " connects").atMost(Duration.ofSeconds(20)).until(s::connected);
    return s;
  }

  /** Whether the broker accepted a QoS 1 publish (a PUBACK without an error reason). */
  private static boolean accepted(MqttSession s, String topic, byte[] payload) throws Exception {
    // the broker may drop a client after a refused publish; the session reconnects by itself
    await(s.clientId() + " connected").atMost(Duration.ofSeconds(20)).until(s::connected);
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    assertEquals(MqttSession.Sent.IN_FLIGHT, s.publish(topic, payload, false, Duration.ofSeconds(5), done::complete));
    return done.get(20, TimeUnit.SECONDS);
  }

  private static MessageFactory as(String id) {
    return new MessageFactory(Rig.CITY, id, TerminalClock.system());
  }

  @Test
  void anAckFromAnotherTerminalOrOnAWrongTopicDeletesNothingFromTheOutbox() throws Exception {
    HubConfig hubConfig = Rig.hubConfig(dir.resolve("hub"), Rig.freePort());
    TerminalPki pki = PkiFixtures.hub(hubConfig);
    MqttTls evilTls = PkiFixtures.terminal(hubConfig, "evil-1", Role.TAXI, dir.resolve("evil-1"));
    // The broker alone: no hub acknowledges the taxi's events, so they stay in its outbox.
    try (EmbeddedBroker broker = EmbeddedBroker.start(hubConfig.broker(), dir.resolve("broker"), BrokerTrust.of(pki, TOPICS));
        Agent taxi = Agent.start(Rig.taxi(dir, "taxi-1", hubConfig), "test")) {
      for (int i = 0; i < 5; i++) taxi.record(Rig.ride(i));
      await("the taxi connects").atMost(Duration.ofSeconds(20)).until(() -> taxi.stats().connected());
      byte[] forgedAck = CODEC.encode(as("hub-1").forTerminal("taxi-1").envelope(new Ack(List.of(new SeqRange(1, 5)), List.of())));

      try (MqttSession evil = client(hubConfig, "evil-1", evilTls)) {
        assertFalse(accepted(evil, TOPICS.down("taxi-1", Topics.Down.ACKS), forgedAck), "another terminal may not publish on taxi-1's down branch");
      }

      // The hub's identity may broadcast, but an ack on a broadcast topic is not the hub's word to this terminal.
      MqttTls hubTls = new MqttTls(pki.dir().resolve(TerminalPki.HUB_KEY), pki.dir().resolve(TerminalPki.HUB_CERT), pki.caFile());
      try (MqttSession hub = client(hubConfig, "hub-" + hubConfig.hub().id(), hubTls)) {
        String revocations = TOPICS.broadcastList(ListName.REVOCATION);
        assertTrue(accepted(hub, revocations, forgedAck));
        // A delta after it on the same topic: once the taxi applied it, the ack before it was handled.
        assertTrue(accepted(hub, revocations, CODEC.encode(as("hub-1").forTerminal("*").envelope(new RevocationDelta(0, 1, List.of("0a"), List.of())))));
        await("the delta after the ack is applied").atMost(Duration.ofSeconds(20)).until(() -> taxi.downlink().versions().getOrDefault(ListName.REVOCATION.wire(), 0L) == 1L);
      }
      assertEquals(5, taxi.outbox().depth(), "no forged ack deleted an event");
    }
  }

  @Test
  void eventsForgedForAnotherTerminalAreRefusedByTheBrokerAndTheHubStoresNothing() throws Exception {
    HubConfig hubConfig = Rig.hubConfig(dir.resolve("hub"), Rig.freePort());
    MqttTls evilTls = PkiFixtures.terminal(hubConfig, "evil-1", Role.TAXI, dir.resolve("evil-1"));
    try (Hub hub = Hub.start(hubConfig);
        MqttSession evil = client(hubConfig, "evil-1", evilTls)) {
      MessageFactory victim = as("taxi-1");
      byte[] forged = CODEC.encode(victim.envelope(new Events(List.of(new EventRecord(1, victim.clock().now(), Rig.ride(1))))));
      assertFalse(accepted(evil, TOPICS.up("taxi-1", Topics.Up.EVENTS), forged), "the broker refuses events on another terminal's topic");
      // Its own events still go through: the hub is listening, and holds nothing of taxi-1's.
      MessageFactory own = as("evil-1");
      assertTrue(accepted(evil, TOPICS.up("evil-1", Topics.Up.EVENTS), CODEC.encode(own.envelope(new Events(List.of(new EventRecord(1, own.clock().now(), Rig.ride(2))))))));
      await("evil-1's own event stored").atMost(Duration.ofSeconds(20)).until(() -> Rig.seqs(hub, "evil-1").equals(List.of(1L)));
      assertEquals(List.of(), Rig.seqs(hub, "taxi-1"), "nothing stored in taxi-1's name");
    }
  }
}
