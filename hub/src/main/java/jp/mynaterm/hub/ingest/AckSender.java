package jp.mynaterm.hub.ingest;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import jp.mynaterm.protocol.mqtt.Backoff;
import jp.mynaterm.protocol.mqtt.MqttSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the hub's acks on its own thread, in the order the writer committed them. The writer only
 * queues: it never waits for the broker's in-flight window (Receive Maximum), whose permits come back
 * on Paho's callback thread. An ack that cannot go now (window full, no connection) or that the
 * connection lost on the way waits here and goes later; none is dropped while the hub runs.
 */
final class AckSender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AckSender.class);
  /** An ack whose delivery failed this often (connections lost, or the broker refusing it) is given up. */
  private static final int MAX_FAILURES = 5;

  private record Outgoing(String topic, byte[] payload, int failures) {}

  private final LinkedBlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
  private final Supplier<MqttSession> session;
  private final Thread thread;
  private volatile boolean closed;

  AckSender(Supplier<MqttSession> session) {
    this.session = session;
    this.thread = Thread.ofPlatform().name("ingest-acks").daemon().start(this::run);
  }

  /** Queues an ack; returns at once. */
  void send(String topic, byte[] payload) {
    queue.add(new Outgoing(topic, payload, 0));
  }

  /** Acks queued or sent and not yet confirmed by the broker. */
  int pending() {
    return queue.size();
  }

  private void run() {
    Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofSeconds(1));
    while (!closed) {
      Outgoing next;
      try {
        next = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (next == null) continue;
      while (!closed && !sent(next)) LockSupport.parkNanos(backoff.next().toNanos());
      backoff.reset();
    }
  }

  private boolean sent(Outgoing o) {
    MqttSession s = session.get();
    if (s == null) return false;
    MqttSession.Sent result = s.publish(o.topic(), o.payload(), false, Duration.ofSeconds(1), ok -> {
      // Lost with the connection (or refused): queued again, it goes once the session is back.
      if (!ok && o.failures() + 1 < MAX_FAILURES) queue.add(new Outgoing(o.topic(), o.payload(), o.failures() + 1));
      else if (!ok) log.warn("an ack on {} failed {} times; the terminal resends its events and is acked then", o.topic(), MAX_FAILURES);
    });
    return switch (result) {
      case IN_FLIGHT -> true;
      case NOT_CONNECTED, WINDOW_FULL -> false;
      case FAILED -> true; // refused by the client itself (logged by the session): sending again would fail again
    };
  }

  /** Stops; what is still queued is sent again by the terminals, which resend unacknowledged events. */
  @Override
  public void close() {
    closed = true;
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
