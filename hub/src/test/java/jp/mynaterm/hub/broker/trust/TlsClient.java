package jp.mynaterm.hub.broker.trust;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import jp.mynaterm.hub.pki.Pem;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho MQTT 5 client over TLS with a terminal's own key and certificate, as an attacker or a terminal. */
final class TlsClient implements AutoCloseable {
  static final long WAIT_MS = 15_000;

  final MqttAsyncClient client;
  final List<String> received = new CopyOnWriteArrayList<>();
  volatile boolean lost;

  private TlsClient(MqttAsyncClient client) {
    this.client = client;
  }

  /** Connects, or throws the broker's (or the TLS handshake's) refusal. */
  static TlsClient connect(String url, String clientId, SSLSocketFactory tls) throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    TlsClient t = new TlsClient(c);
    c.setCallback(
        new MqttCallback() {
          @Override
          public void disconnected(MqttDisconnectResponse r) {
            t.lost = true;
          }

          @Override
          public void mqttErrorOccurred(MqttException e) {}

          @Override
          public void messageArrived(String topic, MqttMessage m) {
            t.received.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
          }

          @Override
          public void deliveryComplete(IMqttToken token) {}

          @Override
          public void connectComplete(boolean reconnect, String serverURI) {}

          @Override
          public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setAutomaticReconnect(false);
    o.setConnectionTimeout(10);
    if (tls != null) o.setSocketFactory(tls);
    try {
      c.connect(o).waitForCompletion(WAIT_MS);
    } catch (MqttException e) {
      closeQuietly(c);
      throw e;
    }
    return t;
  }

  /** The SUBACK reason code for one filter: 0-2 granted, 0x80 and above refused. */
  int subscribe(String filter) {
    try {
      IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
      token.waitForCompletion(WAIT_MS);
      return token.getReasonCodes()[0];
    } catch (MqttException e) {
      return e.getReasonCode();
    }
  }

  /** The PUBACK reason code of a QoS 1 publish (0 accepted); -1 if the broker closed the connection. */
  int publish(String topic, String payload) {
    try {
      IMqttToken token = client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
      token.waitForCompletion(WAIT_MS);
      int[] codes = token.getReasonCodes();
      return codes == null || codes.length == 0 ? 0 : codes[0];
    } catch (MqttException e) {
      return client.isConnected() ? e.getReasonCode() : -1;
    }
  }

  boolean connected() {
    return client.isConnected() && !lost;
  }

  @Override
  public void close() {
    closeQuietly(client);
  }

  private static void closeQuietly(MqttAsyncClient c) {
    try {
      if (c.isConnected()) c.disconnect().waitForCompletion(5_000);
    } catch (MqttException e) {
      // already gone
    }
    try {
      c.close(true);
    } catch (MqttException e) {
      // nothing left to release
    }
  }

  /** TLS with a client key and certificate chain (PEM files), trusting only {@code ca}. */
  static SSLSocketFactory tls(Path key, Path chain, X509Certificate ca) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("me", Pem.readPrivateKey(key), new char[0], Pem.readCertificates(chain).toArray(Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    return context(kmf, ca).getSocketFactory();
  }

  /** TLS without a client certificate: an anonymous client. */
  static SSLSocketFactory anonymous(X509Certificate ca) throws Exception {
    return context(null, ca).getSocketFactory();
  }

  private static SSLContext context(KeyManagerFactory kmf, X509Certificate ca) throws Exception {
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }
}
