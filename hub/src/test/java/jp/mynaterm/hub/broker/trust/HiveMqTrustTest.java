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
