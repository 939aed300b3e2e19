package jp.mynaterm.hub.broker.trust;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.configuration.service.InternalConfigurations;
import java.net.ServerSocket;
import java.nio.file.Path;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.hub.broker.EmbeddedBroker;
import jp.mynaterm.hub.pki.TerminalPki;
import jp.mynaterm.protocol.Topics;
import org.junit.jupiter.api.Test;

/** The attacks against the embedded HiveMQ CE with the trust extension. */
class HiveMqTrustTest extends TrustAttacks {
  private EmbeddedBroker broker;

  @Override
  String start(TerminalPki pki, Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    broker = EmbeddedBroker.start(BrokerSettings.DEFAULT.withPort(port), dir, BrokerTrust.of(pki, new Topics(CITY)));
    return broker.url();
  }

  @Test
  void noAuthenticatorMeansNoEntry() {
    // the embedded build sets "no authenticator answers -> allow"; a broker with trust must have reset it
    assertTrue(InternalConfigurations.AUTH_DENY_UNAUTHENTICATED_CONNECTIONS.get());
  }

  /** A device enrolled by approval in the console connects with the role staff chose, not the one it asked for. */
  @Test
  void aTerminalApprovedInTheConsoleConnectsWithTheRoleStaffChose() throws Exception {
    Path t = dir.resolve("hospital-7");
    var asked = pki.request(jp.mynaterm.hub.pki.TerminalKeys.request("hospital-7", t), jp.mynaterm.config.Role.KIOSK, java.time.Duration.ofHours(1));
    var approved = pki.approve(asked.id(), jp.mynaterm.config.Role.HOSPITAL);
    java.nio.file.Files.writeString(t.resolve(jp.mynaterm.hub.pki.TerminalKeys.CERT), approved.certificate());
    try (TlsClient device = terminal("hospital-7")) {
      assertTrue(device.subscribe(new Topics(CITY).broadcastList(jp.mynaterm.protocol.ListName.allow("hospital"))) < 0x80, "the hospital's list: the role staff chose");
    }
  }

  @Override
  void applyRevocation() {
    // nothing: each connect reads the PKI's current state
  }

  @Override
  void stop() {
    if (broker != null) broker.close();
  }

  @Override
  boolean dropsLiveSessionOnRevocation() {
    return true;
  }

  @Override
  boolean refusesClientIdMismatch() {
    return true;
  }

  @Override
  boolean refusesForbiddenSubscriptions() {
    return true;
  }

  @Override
  int forbiddenPublishOutcome() {
    return NOT_AUTHORIZED;
  }
}
