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
 *   <li>TCP_NODELAY on every socket ({@link NoDelaySocketFactory}).
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
   * @param manualAcks acknowledge received QoS 1 messages only when the handler says so (after a
   *     commit), so the broker redelivers what a crashed receiver had not stored
   */
  public record Options(
      String url,
      String clientId,
      String username,
      String password,
      Duration sessionExpiry,
      Duration keepAlive,
      Duration reconnectMin,
      Duration reconnectMax,
      Will will,
      List<MqttSubscription> subscriptions,
      boolean manualAcks) {
    public Options {
      subscriptions = List.copyOf(subscriptions);
    }

    /** A plain client (tools, tests, benchmarks): 10 min session, quick reconnects, QoS 1 subscriptions. */
    public static Options client(String url, String clientId, String... subscriptions) {
      return new Options(
          url,
          clientId,
          null,
          null,
          Duration.ofMinutes(10),
          Duration.ofSeconds(30),
          Duration.ofMillis(100),
          Duration.ofSeconds(2),
          null,
          java.util.Arrays.stream(subscriptions).map(t -> new MqttSubscription(t, 1)).toList(),
          false);
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
    /** No connection now (or it dropped while waiting for room); try again after reconnect. */
    NOT_CONNECTED,
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
    if (options.url().startsWith("tcp://")) o.setSocketFactory(new NoDelaySocketFactory());
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
    log.info("{}: connected to {} (receive maximum {})", options.clientId(), options.url(), receiveMaximum);
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
    Link l = link;
    if (l == null || !l.client().isConnected()) return Sent.NOT_CONNECTED;
    try {
      if (!l.window().tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) return Sent.NOT_CONNECTED;
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
            done.accept(true);
          }

          @Override
          public void onFailure(IMqttToken token, Throwable e) {
            release(l);
            done.accept(false);
          }
        };
    try {
      l.client().publish(topic, new MqttMessage(payload, 1, retained, null), null, listener);
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
