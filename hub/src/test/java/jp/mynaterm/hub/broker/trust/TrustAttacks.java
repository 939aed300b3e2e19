package jp.mynaterm.hub.broker.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLSocketFactory;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.pki.PkiFixtures;
import jp.mynaterm.hub.pki.TerminalKeys;
import jp.mynaterm.hub.pki.TerminalPki;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.staff.StaffRole;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks on the trust boundary, run against each broker the project supports (one subclass per
 * broker): who may connect, under which client id, and where it may publish and subscribe. Every
 * "never arrives" is checked after a message that may arrive did, from the same sender.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TrustAttacks {
  static final String CITY = "212075";
  static final String HUB = "hub-hub-1";
  static final int NOT_AUTHORIZED = 0x87;
  static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;
  /** What a client sees of a forbidden QoS 1 publish: a PUBACK reason code, or -1 for a closed connection. */
  static final int DISCONNECTED = -1;

  Path dir;
  TerminalPki pki;
  final Topics topics = new Topics(CITY);
  String url;

  /** Starts the broker on this PKI and returns its URL. */
  abstract String start(TerminalPki pki, Path dir) throws Exception;

  /** Whatever the broker needs to apply a revocation to new connections. */
  abstract void applyRevocation() throws Exception;

  abstract void stop() throws Exception;

  /** Whether the broker drops a live session when its certificate is revoked. */
  abstract boolean dropsLiveSessionOnRevocation();

  /** Whether the broker refuses a client id other than the certificate's at connect. */
  abstract boolean refusesClientIdMismatch();

  /**
   * Whether a forbidden subscription is refused in the SUBACK (0x87); otherwise the broker grants it
   * and withholds every message the client may not read, which the tests check by delivery.
   */
  abstract boolean refusesForbiddenSubscriptions();

  /** The broker's documented answer to a forbidden QoS 1 publish from an MQTT 5 client. */
  abstract int forbiddenPublishOutcome();

  @BeforeAll
  void startBroker(@TempDir Path dir) throws Exception {
    this.dir = dir;
    pki = TerminalPki.init(dir.resolve("pki"), CITY, HUB, List.of("127.0.0.1"), Clock.systemUTC(), MosquittoAcl.EXPORT);
    PkiFixtures.enroll(pki, "taxi-1", Role.TAXI, dir);
    PkiFixtures.enroll(pki, "taxi-2", Role.TAXI, dir);
    PkiFixtures.enroll(pki, "hospital-1", Role.HOSPITAL, dir);
    PkiFixtures.enroll(pki, "taxi-9", Role.TAXI, dir);
    PkiFixtures.enroll(pki, "kiosk-1", Role.KIOSK, dir);
    url = start(pki, dir.resolve("broker"));
  }

  @AfterAll
  void stopBroker() throws Exception {
    stop();
  }

  @Test
  void aTerminalWithItsCertificateGetsExactlyItsRights() throws Exception {
    try (TlsClient hub = hub();
        TlsClient taxi = terminal("taxi-1")) {
      assertTrue(hub.subscribe(upAll()) < 0x80, "the hub may subscribe to every terminal's up branch");
      assertTrue(hub.subscribe(topics.sharedUp(Topics.Up.EVENTS)) < 0x80, "and share it with other hubs");
      assertTrue(taxi.subscribe(topics.downAll("taxi-1")) < 0x80);
      assertTrue(taxi.subscribe(topics.broadcastList(ListName.allow("taxi"))) < 0x80);
      assertTrue(taxi.subscribe(topics.broadcastAlerts()) < 0x80);
      assertAccepted(taxi.publish(topics.up("taxi-1", Topics.Up.EVENTS), "ride"));
      await("the hub receives the taxi's event", () -> hub.received.contains(topics.up("taxi-1", Topics.Up.EVENTS) + " ride"));
      assertAccepted(hub.publish(topics.down("taxi-1", Topics.Down.ACKS), "ack"));
      assertAccepted(hub.publish(topics.broadcastList(ListName.allow("taxi")), "delta"));
      await("the taxi receives its ack and its list", () -> taxi.received.size() == 2);
    }
  }

  @Test
  void anAnonymousClientIsRefused() {
    assertThrows(MqttException.class, () -> TlsClient.connect(url, "taxi-1", TlsClient.anonymous(pki.caCertificate())));
  }

  @Test
  void thereIsNoPlaintextListener() {
    String plain = url.replace("ssl://", "tcp://");
    assertThrows(MqttException.class, () -> TlsClient.connect(plain, "taxi-1", null));
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() throws Exception {
    TerminalPki other = TerminalPki.init(dir.resolve("other-ca"), CITY, HUB, List.of("127.0.0.1"), Clock.systemUTC());
    Path forged = PkiFixtures.enroll(other, "taxi-1", Role.TAXI, dir.resolve("other-terminals"));
    SSLSocketFactory tls = TlsClient.tls(forged.resolve(TerminalKeys.KEY), forged.resolve(TerminalKeys.CERT), pki.caCertificate());
    assertThrows(MqttException.class, () -> TlsClient.connect(url, "taxi-1", tls));
  }

  @Test
  void aClientIdOtherThanTheCertificatesGetsNoRightsOfThatId() throws Exception {
    SSLSocketFactory taxi1 = tls("taxi-1");
    if (refusesClientIdMismatch()) {
      MqttException e = assertThrows(MqttException.class, () -> TlsClient.connect(url, "taxi-2", taxi1));
      assertEquals(CLIENT_IDENTIFIER_NOT_VALID, e.getReasonCode());
      return;
    }
    try (TlsClient hub = hub();
        TlsClient impostor = TlsClient.connect(url, "taxi-2", taxi1)) {
      hub.subscribe(upAll());
      assertForbiddenSubscription(impostor, topics.downAll("taxi-2"));
      assertTrue(impostor.subscribe(topics.downAll("taxi-1")) < 0x80, "its certificate's own down branch");
      assertAccepted(hub.publish(topics.down("taxi-2", Topics.Down.ACKS), "secret"));
      assertOnlyAllowedArrives(hub, impostor, topics.down("taxi-1", Topics.Down.ACKS));
      assertEquals(forbiddenPublishOutcome(), impostor.publish(topics.up("taxi-2", Topics.Up.EVENTS), "forged"));
      assertForgedNeverArrives(hub, "taxi-1");
    }
  }

  @Test
  void publishingOnAnotherTerminalsUpTopicNeverReachesTheHub() throws Exception {
    try (TlsClient hub = hub();
        TlsClient taxi = terminal("taxi-1")) {
      assertTrue(hub.subscribe(upAll()) < 0x80);
      assertEquals(forbiddenPublishOutcome(), taxi.publish(topics.up("taxi-2", Topics.Up.EVENTS), "forged"));
      assertForgedNeverArrives(hub, "taxi-1");
    }
  }

  @Test
  void subscribingToEverythingOrAnotherTerminalsDownBranchIsRefused() throws Exception {
    try (TlsClient hub = hub();
        TlsClient taxi1 = terminal("taxi-1");
        TlsClient taxi2 = terminal("taxi-2")) {
      assertForbiddenSubscription(taxi1, "#");
      assertForbiddenSubscription(taxi1, topics.downAll("taxi-2"));
      assertForbiddenSubscription(taxi1, upAll());
      assertTrue(taxi1.subscribe(topics.downAll("taxi-1")) < 0x80);
      assertTrue(taxi2.subscribe(topics.downAll("taxi-2")) < 0x80);
      assertAccepted(hub.publish(topics.down("taxi-2", Topics.Down.ACKS), "secret"));
      await("taxi-2 receives its ack", () -> taxi2.received.size() == 1);
      assertAccepted(taxi2.publish(topics.up("taxi-2", Topics.Up.EVENTS), "secret"));
      assertOnlyAllowedArrives(hub, taxi1, topics.down("taxi-1", Topics.Down.ACKS));
    }
  }

  @Test
  void aTaxiCannotSubscribeToTheHospitalsList() throws Exception {
    String hospitalList = topics.broadcastList(ListName.allow("hospital"));
    try (TlsClient hub = hub();
        TlsClient taxi = terminal("taxi-1");
        TlsClient hospital = terminal("hospital-1")) {
      assertForbiddenSubscription(taxi, hospitalList);
      assertForbiddenSubscription(taxi, topics.broadcastAll());
      assertTrue(taxi.subscribe(topics.broadcastList(ListName.allow("taxi"))) < 0x80);
      assertTrue(hospital.subscribe(hospitalList) < 0x80);
      assertAccepted(hub.publish(hospitalList, "secret"));
      await("the hospital receives its list", () -> hospital.received.size() == 1);
      assertOnlyAllowedArrives(hub, taxi, topics.broadcastList(ListName.allow("taxi")));
    }
  }

  @Test
  void staffListsReachOnlyTheirOwnCounters() throws Exception {
    String hospitalStaff = topics.broadcastList(ListName.staff(StaffRole.HOSPITAL));
    String libraryStaff = topics.broadcastList(ListName.staff(StaffRole.LIBRARY));
    try (TlsClient hub = hub();
        TlsClient taxi = terminal("taxi-1");
        TlsClient kiosk = terminal("kiosk-1");
        TlsClient hospital = terminal("hospital-1")) {
      for (TlsClient other : List.of(taxi, kiosk)) {
        assertForbiddenSubscription(other, hospitalStaff);
        assertForbiddenSubscription(other, libraryStaff);
      }
      assertForbiddenSubscription(hospital, libraryStaff);
      assertTrue(hospital.subscribe(hospitalStaff) < 0x80, "the hospital counter reads its own staff list");
      assertTrue(taxi.subscribe(topics.broadcastAlerts()) < 0x80);
      assertTrue(kiosk.subscribe(topics.broadcastAlerts()) < 0x80);
      assertAccepted(hub.publish(libraryStaff, "secret"));
      assertAccepted(hub.publish(hospitalStaff, "hospital-staff"));
      await("the hospital receives its staff list", () -> hospital.received.contains(hospitalStaff + " hospital-staff"));
      assertFalse(hospital.received.stream().anyMatch(m -> m.endsWith(" secret")), hospital.received.toString());
      assertOnlyAllowedArrives(hub, taxi, topics.broadcastAlerts());
      await("the kiosk receives the alert", () -> kiosk.received.contains(topics.broadcastAlerts() + " allowed"));
      assertTrue(kiosk.received.stream().noneMatch(m -> m.endsWith(" secret") || m.endsWith(" hospital-staff")), kiosk.received.toString());
    }
  }

  @Test
  void aRevokedTerminalIsRefused() throws Exception {
    SSLSocketFactory taxi9 = tls("taxi-9");
    try (TlsClient live = TlsClient.connect(url, "taxi-9", taxi9)) {
      pki.revoke("taxi-9");
      if (dropsLiveSessionOnRevocation()) await("the revoked terminal's live session is dropped", () -> !live.connected());
    }
    applyRevocation();
    assertThrows(MqttException.class, () -> TlsClient.connect(url, "taxi-9", taxi9));
    try (TlsClient other = terminal("taxi-2")) {
      assertTrue(other.connected(), "other terminals still connect");
    }
  }

  /** A PUBACK below 0x80: accepted (0x10 "no matching subscribers" included). */
  private static void assertAccepted(int pubackCode) {
    assertTrue(pubackCode >= 0 && pubackCode < 0x80, "PUBACK " + pubackCode);
  }

  private void assertForbiddenSubscription(TlsClient client, String filter) {
    int code = client.subscribe(filter);
    if (refusesForbiddenSubscriptions()) assertTrue(code >= 0x80, filter + ": SUBACK " + code);
    else assertTrue(code < 0x80, filter + ": granted, filtered at delivery (SUBACK " + code + ")");
  }

  /**
   * After the "secret" messages were published, the hub publishes on a topic the client may read; once
   * that arrives, no secret did (the broker delivers one publisher's messages in order).
   */
  private static void assertOnlyAllowedArrives(TlsClient hub, TlsClient client, String allowedTopic) {
    assertAccepted(hub.publish(allowedTopic, "allowed"));
    await("the allowed message arrives", () -> client.received.contains(allowedTopic + " allowed"));
    assertFalse(client.received.stream().anyMatch(m -> m.endsWith(" secret")), client.received.toString());
  }

  /** The hub receives a message the sender may send; what it sent before on a forbidden topic never came. */
  private void assertForgedNeverArrives(TlsClient hub, String sender) throws Exception {
    try (TlsClient again = terminal(sender)) {
      assertAccepted(again.publish(topics.up(sender, Topics.Up.EVENTS), "allowed"));
      await("the allowed event arrives", () -> hub.received.stream().anyMatch(m -> m.endsWith(" allowed")));
    }
    assertFalse(hub.received.stream().anyMatch(m -> m.endsWith(" forged")), hub.received.toString());
  }

  String upAll() {
    return topics.wholeBranch(Topics.Branch.UP);
  }

  TlsClient terminal(String id) throws Exception {
    return TlsClient.connect(url, id, tls(id));
  }

  TlsClient hub() throws Exception {
    return TlsClient.connect(url, HUB, TlsClient.tls(pki.dir().resolve(TerminalPki.HUB_KEY), pki.dir().resolve(TerminalPki.HUB_CERT), pki.caCertificate()));
  }

  SSLSocketFactory tls(String id) throws Exception {
    Path t = dir.resolve(id);
    return TlsClient.tls(t.resolve(TerminalKeys.KEY), t.resolve(TerminalKeys.CERT), pki.caCertificate());
  }

  static void await(String what, BooleanSupplier done) {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("not within 20 s: " + what);
      LockSupport.parkNanos(20_000_000);
    }
  }
}
