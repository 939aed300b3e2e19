package jp.mynaterm.kiosk.hub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.HubSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.pki.PkiFixtures;
import jp.mynaterm.kiosk.flow.HubLink;
import jp.mynaterm.protocol.issuance.IssuingSignatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk talking to a real hub through its embedded MQTT 5 broker. */
class MqttHubLinkTest {
  @TempDir Path dir;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private HubConfig hubConfig(int port) throws Exception {
    var pki = jp.mynaterm.hardware.card.virtual.VirtualCardPki.openOrCreate(dir.resolve("cards"));
    var issuance = // Open all day but its last minute, and closed only on 29 February: the hub's calendar rules do
    // not decide this test (its clock is the real one).
    new jp.mynaterm.config.IssuanceSettings(pki.trustAnchorsFile().toString(), null, null, null, "00:00", "23:59", "02-29", "02-29", null, null, null);
    HubConfig config =
        new HubConfig(
            Role.HUB, "212075", new HubSettings("hub-1", dir.resolve("hub").toString(), null), BrokerSettings.DEFAULT.withPort(port),
            new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null), new HttpSettings("127.0.0.1", 0), issuance, null, true);
    PkiFixtures.hub(config);
    return config;
  }

  /** The kiosk's agent, enrolled with the hub's PKI: the link speaks over its one TLS connection. */
  private Agent kioskAgent(HubConfig hub) throws Exception {
    return Agent.start(Rig.taxi(dir, "kiosk-1", hub), "test");
  }

  /** Asks for a challenge until one comes: the link is still connecting while the hub is unavailable. */
  private static void awaitConnected(MqttHubLink link) {
    await("the kiosk reaches the hub").atMost(Duration.ofSeconds(15)).ignoreExceptionsInstanceOf(HubLink.HubUnavailable.class).until(() -> link.challenge("juminhyo") != null);
  }

  @Test
  void aChallengeAndARefusalTravelThroughTheBroker() throws Exception {
    HubConfig config = hubConfig(freePort());
    try (Hub hub = Hub.start(config);
        Agent agent = kioskAgent(config);
        MqttHubLink link = new MqttHubLink(agent, Duration.ofSeconds(10), IssuingSignatures.readPublicKey(dir.resolve("hub/issuing-key.pub")))) {
      awaitConnected(link);
      var issued = assertInstanceOf(HubLink.ChallengeAnswer.Issued.class, link.challenge("juminhyo"));
      assertEquals(250, issued.feeYenPerCopy(), "the fee comes with the challenge, before the card");
      String challenge = issued.challenge();
      assertEquals(32, Base64.getDecoder().decode(challenge).length);
      // a request whose certificate is not a certificate: the hub's refusal comes back by correlation id
      var answer = link.issue(new jp.mynaterm.protocol.message.RequestBody.Issuance("juminhyo", Map.of(), 1, "bm90IGEgY2VydA==", "bm90IGEgY2VydA==", challenge, "c2ln"));
      assertEquals(new HubLink.IssueAnswer.Refused("card-not-accepted"), assertInstanceOf(HubLink.IssueAnswer.Refused.class, answer));
    }
  }

  @Test
  void noHubIsHubUnavailableWithinTheTimeout() throws Exception {
    HubConfig config = hubConfig(freePort()); // never started: nobody listens there
    var anyKey = java.security.KeyPairGenerator.getInstance(IssuingSignatures.ALGORITHM).generateKeyPair().getPublic();
    try (Agent agent = kioskAgent(config);
        MqttHubLink link = new MqttHubLink(agent, Duration.ofSeconds(1), anyKey)) {
      var e = assertThrows(HubLink.HubUnavailable.class, () -> link.challenge("juminhyo"));
      assertTrue(e.getMessage().contains("not connected") || e.getMessage().contains("no answer"), e.getMessage());
    }
  }
}
