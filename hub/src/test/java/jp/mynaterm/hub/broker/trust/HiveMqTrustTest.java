package jp.mynaterm.hub.broker.trust;

import java.net.ServerSocket;
import java.nio.file.Path;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.hub.broker.EmbeddedBroker;
import jp.mynaterm.hub.pki.TerminalPki;
import jp.mynaterm.protocol.Topics;

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
