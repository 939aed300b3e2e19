package jp.mynaterm.protocol.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 client identity kept connected: what agents and the hub both use to talk to the broker.
 * It fixes, in one place, what Paho v5 1.2.5 gets wrong by default:
 *
 * <ul>
 *   <li>Persistence in memory (Paho's default file persistence is about 16× slower); the durable
 *       store is the caller's (the agent's SQLite outbox, the hub's database).
 *   <li>A persistent session: cleanStart=false and a session expiry (Paho's default 0 drops what the
 *       broker queued while the client was away).
 *   <li>TCP_NODELAY on every socket, TLS ones too ({@link NoDelaySocketFactory}, {@link MqttTls}).
 *   <li>TLS with the client's own key and the city's terminal CA as the only trust anchor, the
 *       broker's certificate checked against the host dialled ({@link MqttTls}).
 *   <li>Its own reconnect loop with exponential backoff and full jitter ({@link Backoff}); Paho's
 *       automatic reconnect is off.
 *   <li>Its own in-flight limit: at most the broker's Receive Maximum (from CONNACK) QoS 1 publishes
 *       outstanding. Above it Paho throws 32202, and retrying leaks a message id each time until the
 *       client is dead (32001).
 * </ul>
 *
 * Each connection gets a fresh Paho client, so no half-finished Paho state survives a reconnect; what
 * was in flight is sent again by the caller from its own store.
 */
public final class MqttSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttSession.class);
  private static final int CONNECT_TIMEOUT_S = 10;

  /** A message to leave behind: the last will, and what a clean stop publishes itself. */
  public record Will(String topic, byte[] payload, boolean retained) {}

  /**
   * How to connect: built with {@link #builder}, e.g. {@code Options.builder(url, id).tls(tls).will(w).build()}.
   *
   * @param tls the client's key, certificate and trusted CA for {@code ssl://} URLs; null for {@code tcp://}
   * @param manualAcks acknowledge received QoS 1 messages only when the handler says so (after a
   *     commit), so the broker redelivers what a crashed receiver had not stored
   * @param receiveMaximum the most QoS 1 messages the broker may send this client before it
   *     acknowledges some (MQTT 5 Receive Maximum); with manual acks, the back-pressure on a receiver
   *     that lags — its handler must not block Paho's callback thread, which also completes publishes
   */
  public record Options(
      String url,
      String clientId,
      MqttTls tls,
      String username,
      String password,
      Duration sessionExpiry,
      Duration keepAlive,
      Duration reconnectMin,
      Duration reconnectMax,
      Will will,
      List<MqttSubscription> subscriptions,
      boolean manualAcks,
      int receiveMaximum) {
    public Options {
      if (receiveMaximum < 1 || receiveMaximum > 65535) throw new IllegalArgumentException("receive maximum " + receiveMaximum + " outside 1..65535");
      subscriptions = List.copyOf(subscriptions);
      boolean secure = url.startsWith("ssl://");
      if (secure && tls == null) throw new IllegalArgumentException(url + ": ssl:// needs the client's key, certificate and CA");
      if (!secure && tls != null) throw new IllegalArgumentException(url + ": a TLS identity needs an ssl:// URL");
    }

    /** Defaults: 10 min session, 30 s keep-alive, reconnects between 100 ms and 2 s, no will, no subscriptions. */
    public static Builder builder(String url, String clientId) {
      return new Builder(url, clientId);
    }
  }

  /** Builds {@link Options}; every setting has a default but the URL and client id. */
  public static final class Builder {
    private final String url;
    private final String clientId;
    private MqttTls tls;
    private String username;
    private String password;
    private Duration sessionExpiry = Duration.ofMinutes(10);
    private Duration keepAlive = Duration.ofSeconds(30);
    private Duration reconnectMin = Duration.ofMillis(100);
    private Duration reconnectMax = Duration.ofSeconds(2);
    private Will will;
    private final List<MqttSubscription> subscriptions = new java.util.ArrayList<>();
    private boolean manualAcks;
    private int receiveMaximum = 65535;

    private Builder(String url, String clientId) {
      this.url = url;
      this.clientId = clientId;
    }

    public Builder tls(MqttTls value) {
      tls = value;
      return this;
    }

    public Builder credentials(String user, String secret) {
      username = user;
      password = secret;
      return this;
    }

    public Builder sessionExpiry(Duration value) {
      sessionExpiry = value;
      return this;
    }

    public Builder keepAlive(Duration value) {
      keepAlive = value;
      return this;
    }

    public Builder reconnect(Duration min, Duration max) {
      reconnectMin = min;
      reconnectMax = max;
      return this;
    }

    public Builder will(Will value) {
      will = value;
      return this;
    }

    /** QoS 1 subscriptions, made before anything is published on each connect. */
    public Builder subscribe(String... filters) {
      for (String f : filters) subscriptions.add(new MqttSubscription(f, 1));
      return this;
    }

    public Builder subscribe(List<String> filters) {
      return subscribe(filters.toArray(String[]::new));
    }

    public Builder manualAcks(boolean value) {
      manualAcks = value;
      return this;
    }

    /** At most {@code value} unacknowledged QoS 1 messages from the broker at once (MQTT's default: 65535). */
    public Builder receiveMaximum(int value) {
      receiveMaximum = value;
      return this;
    }

    public Options build() {
      return new Options(url, clientId, tls, username, password, sessionExpiry, keepAlive, reconnectMin, reconnectMax, will, subscriptions, manualAcks, receiveMaximum);
    }
  }

  /** What the owner of the session is told. Called on Paho's threads or the session's own thread. */
  public interface Handler {
    /** After each (re)connect and subscribe: publish births, ask for missed data, resend. */
    default void connected(MqttSession session) {}

    /** A message arrived; call {@code ack} once it is safely handled (manual acks), else it is a no-op. */
    void message(String topic, MqttMessage message, Runnable ack);

    /** The connection dropped; the session reconnects by itself. */
    default void lost(String reason) {}
  }

  /** What became of a publish. */
  public enum Sent {
    /** Handed to the broker; the completion callback says when the broker has it. */
    IN_FLIGHT,
    /** No connection now; try again after reconnect. */
    NOT_CONNECTED,
    /** The in-flight window (the broker's Receive Maximum) stayed full for the whole wait; try again later. */
    WINDOW_FULL,
    /** Refused by the client; logged. */
    FAILED
  }

  private record Link(MqttAsyncClient client, Semaphore window, int receiveMaximum) {}

  private final Options options;
  private final Handler handler;
  private final Object signal = new Object();
  private volatile Link link;
  private volatile boolean closed;
  private Thread loop;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlightSeen = new AtomicInteger();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong publishFailures = new AtomicLong();

  public MqttSession(Options options, Handler handler) {
    this.options = options;
    this.handler = handler;
  }

  /** Starts connecting in the background (and keeps reconnecting until closed). */
  public MqttSession start() {
    loop = Thread.ofVirtual().name("mqtt-" + options.clientId()).start(this::run);
    return this;
  }

  private void run() {
    Backoff backoff = new Backoff(options.reconnectMin(), options.reconnectMax());
    while (!closed) {
      Link current = link;
      if (current == null || !current.client().isConnected()) {
        drop(current);
        try {
          connect();
          backoff.reset();
          handler.connected(this);
        } catch (MqttException | RuntimeException e) {
          drop(link);
          Duration wait = backoff.next();
          log.info("{}: cannot reach {} ({}); next try in {} ms", options.clientId(), options.url(), reason(e), wait.toMillis());
          pause(wait.toMillis());
          continue;
        }
      }
      pause(1000);
    }
  }

  private void connect() throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(options.url(), options.clientId(), new MemoryPersistence());
    client.setManualAcks(options.manualAcks());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(false);
    o.setSessionExpiryInterval(options.sessionExpiry().toSeconds());
    o.setKeepAliveInterval((int) options.keepAlive().toSeconds());
    o.setAutomaticReconnect(false);
    o.setConnectionTimeout(CONNECT_TIMEOUT_S);
    o.setReceiveMaximum(options.receiveMaximum());
    MqttTls.Checked tlsSockets = null;
    if (options.tls() != null) {
      try {
        tlsSockets = options.tls().sockets();
        o.setSocketFactory(tlsSockets); // read at each connect: a renewed certificate is used at once
      } catch (java.io.IOException e) {
        closeQuietly(client);
        throw new IllegalStateException(e.getMessage(), e);
      }
    } else if (options.url().startsWith("tcp://")) {
      o.setSocketFactory(new NoDelaySocketFactory());
    }
    if (options.username() != null && !options.username().isBlank()) o.setUserName(options.username());
    if (options.password() != null) o.setPassword(options.password().getBytes(StandardCharsets.UTF_8));
    if (options.will() != null) {
      MqttMessage will = new MqttMessage(options.will().payload(), 1, options.will().retained(), null);
      o.setWill(options.will().topic(), will);
    }
    client.setCallback(new Callback(client));
    IMqttToken token;
    try {
      token = client.connect(o);
      token.waitForCompletion(CONNECT_TIMEOUT_S * 1000L + 1000);
    } catch (MqttException e) {
      closeQuietly(client);
      throw e;
    }
    Integer max = token.getResponseProperties() == null ? null : token.getResponseProperties().getReceiveMaximum();
    int receiveMaximum = max == null || max < 1 ? 65535 : max;
    // Subscribed before anyone may publish: an ack for an event sent too early would find no subscriber.
    try {
      if (!options.subscriptions().isEmpty()) {
        client.subscribe(options.subscriptions().toArray(MqttSubscription[]::new)).waitForCompletion(CONNECT_TIMEOUT_S * 1000L);
      }
    } catch (MqttException e) {
      closeQuietly(client);
      throw e;
    }
    link = new Link(client, new Semaphore(receiveMaximum), receiveMaximum);
    connects.incrementAndGet();
    String tls = tlsSockets == null ? "" : ", " + tlsSockets.negotiated();
    log.info("{}: connected to {} (receive maximum {}{})", options.clientId(), options.url(), receiveMaximum, tls);
  }

  private final class Callback implements MqttCallback {
    private final MqttAsyncClient client;

    Callback(MqttAsyncClient client) {
      this.client = client;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      String why = response.getException() != null ? reason(response.getException()) : "reason code " + response.getReturnCode();
      log.info("{}: connection lost ({})", options.clientId(), why);
      handler.lost(why);
      wake();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      log.warn("{}: MQTT error {}", options.clientId(), reason(exception));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      Runnable ack =
          options.manualAcks()
              ? () -> {
                try {
                  client.messageArrivedComplete(message.getId(), message.getQos());
                } catch (MqttException | RuntimeException e) {
                  // The connection is gone; the broker redelivers to the session.
                  log.debug("{}: ack of message {} not sent: {}", options.clientId(), message.getId(), e.toString());
                }
              }
              : () -> {};
      try {
        handler.message(topic, message, ack);
      } catch (RuntimeException e) {
        // A bad message must never kill the client's receive thread.
        log.error("{}: handling a message on {} failed: {}", options.clientId(), topic, e.toString(), e);
      }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  /**
   * Publishes at QoS 1 once the in-flight window has room (waiting at most {@code wait}).
   * {@code done} is called with true when the broker acknowledged it, false if it failed.
   */
  public Sent publish(String topic, byte[] payload, boolean retained, Duration wait, Consumer<Boolean> done) {
    return publish(topic, new MqttMessage(payload, 1, retained, null), wait, done);
  }

  /**
   * Publishes what only its addressee may read and only for a while (a response with personal data):
   * never retained, with an MQTT message expiry, so no broker keeps it past {@code expiry}.
   */
  public Sent publishExpiring(String topic, byte[] payload, Duration expiry) {
    MqttProperties properties = new MqttProperties();
    properties.setMessageExpiryInterval(Math.max(1, expiry.toSeconds()));
    return publish(topic, new MqttMessage(payload, 1, false, properties), Duration.ofSeconds(5), ok -> {});
  }

  private Sent publish(String topic, MqttMessage message, Duration wait, Consumer<Boolean> done) {
    Link l = link;
    if (l == null || !l.client().isConnected()) return Sent.NOT_CONNECTED;
    try {
      if (!l.window().tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) return l.client().isConnected() ? Sent.WINDOW_FULL : Sent.NOT_CONNECTED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Sent.NOT_CONNECTED;
    }
    int now = inFlight.incrementAndGet();
    maxInFlightSeen.accumulateAndGet(now, Math::max);
    MqttActionListener listener =
        new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            release(l);
            // Paho completes a QoS 1 publish on any PUBACK; a reason code of 0x80 or more is the broker's refusal
            // (0x87: not authorised), so the message went nowhere.
            int[] codes = token.getReasonCodes();
            boolean refused = codes != null && java.util.Arrays.stream(codes).anyMatch(c -> c >= 0x80);
            if (refused) log.warn("{}: the broker refused a publish on {} (reason {})", options.clientId(), topic, java.util.Arrays.toString(codes));
            done.accept(!refused);
          }

          @Override
          public void onFailure(IMqttToken token, Throwable e) {
            release(l);
            done.accept(false);
          }
        };
    try {
      l.client().publish(topic, message, null, listener);
      return Sent.IN_FLIGHT;
    } catch (MqttException | RuntimeException e) {
      release(l);
      publishFailures.incrementAndGet();
      if (e instanceof MqttException me && me.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED) return Sent.NOT_CONNECTED;
      log.warn("{}: publish on {} refused by the client: {}", options.clientId(), topic, reason(e));
      return Sent.FAILED;
    }
  }

  /** Publishes and does not care when it completes (births, heartbeats, acks: a later one replaces it). */
  public Sent publish(String topic, byte[] payload, boolean retained) {
    return publish(topic, payload, retained, Duration.ofSeconds(5), ok -> {});
  }

  private void release(Link l) {
    inFlight.decrementAndGet();
    l.window().release();
  }

  public boolean connected() {
    Link l = link;
    return l != null && l.client().isConnected();
  }

  /** The broker's Receive Maximum from the last CONNACK; 0 before the first connection. */
  public int receiveMaximum() {
    Link l = link;
    return l == null ? 0 : l.receiveMaximum();
  }

  public int maxInFlightSeen() {
    return maxInFlightSeen.get();
  }

  public long connects() {
    return connects.get();
  }

  public long publishFailures() {
    return publishFailures.get();
  }

  public String clientId() {
    return options.clientId();
  }

  private void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  private void pause(long ms) {
    synchronized (signal) {
      if (closed) return;
      try {
        signal.wait(Math.max(1, ms));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      }
    }
  }

  private void drop(Link l) {
    if (l == null) return;
    if (link == l) link = null;
    closeQuietly(l.client());
  }

  private static void closeQuietly(MqttAsyncClient client) {
    try {
      if (client.isConnected()) client.disconnectForcibly(0, 1000, false);
    } catch (MqttException | RuntimeException ignored) {
      // Going away anyway.
    }
    try {
      client.close(true);
    } catch (MqttException | RuntimeException ignored) {
      // Going away anyway.
    }
  }

  private static String reason(Throwable e) {
    if (e instanceof MqttException me) {
      return me.getMessage() + " (" + me.getReasonCode() + ")" + (me.getCause() != null ? ": " + me.getCause().getMessage() : "");
    }
    return e.toString();
  }

  /**
   * Stops: publishes {@code goodbye} if given and connected (a clean stop replaces the last will
   * with the same topic), then disconnects normally, so the broker does not send the will.
   */
  public void close(Will goodbye) {
    closed = true;
    wake();
    Link l = link;
    if (l != null && l.client().isConnected()) {
      try {
        if (goodbye != null) {
          l.client().publish(goodbye.topic(), new MqttMessage(goodbye.payload(), 1, goodbye.retained(), null)).waitForCompletion(2000);
        }
        l.client().disconnect(2000).waitForCompletion(3000);
      } catch (MqttException | RuntimeException e) {
        log.debug("{}: clean disconnect failed: {}", options.clientId(), e.toString());
      }
    }
    if (loop != null) {
      try {
        loop.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    drop(link);
  }

  @Override
  public void close() {
    close(null);
  }
}
