package jp.mynaterm.agent.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jp.mynaterm.agent.outbox.Outbox;
import jp.mynaterm.agent.outbox.Pending;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.codec.Zlib;
import jp.mynaterm.protocol.message.Ack;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.Rejected;
import jp.mynaterm.protocol.mqtt.MqttSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to the hub, oldest first: one event a message when the terminal keeps up, batches
 * of up to {@code maxBatch} events when there is a backlog, and never more bytes than a message may
 * carry ({@link #BATCH_BYTES}); an event too large for any message is set aside. Every batch names the
 * outbox's epoch. At most {@code window} events are out without
 * the hub's end-to-end ack; an ack deletes them from the outbox. A message of 2 KiB or more (a
 * backlog's batch) goes compressed, a smaller one as plain JSON ({@link Zlib.Compressor#forSending}). Nothing acknowledged within the ack
 * timeout, or a reconnect, sends everything unacknowledged again; the hub ignores repeats.
 */
public final class Delivery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Delivery.class);
  /** The events' JSON in one message: under the codec's limit, with room for the envelope around them. */
  static final int BATCH_BYTES = MessageCodec.DEFAULT_MAX_BYTES - 8 * 1024;
  /** The origin of {@link #monotonicMs}, so it is never negative (InFlight says "none" with -1). */
  private static final long STARTED_NANOS = System.nanoTime();

  private final Outbox outbox;
  private final MqttSession session;
  private final MessageFactory messages;
  private final MessageCodec codec = new MessageCodec();
  /** Used by the sender thread only. */
  private final Zlib.Compressor compressor = new Zlib.Compressor();
  private final String topic;
  private final int maxBatch;
  private final int window;
  private final Duration ackTimeout;
  private final InFlight inFlight = new InFlight();
  private final Object signal = new Object();
  private final AtomicLong resends = new AtomicLong();
  private volatile boolean restart = true;
  private volatile boolean closed;
  private boolean poked;
  private long cursor;
  /** The session's connection (its count of connects) the events in flight went out on. */
  private volatile long sendingOn = -1;
  private Thread sender;

  public Delivery(Outbox outbox, MqttSession session, MessageFactory messages, Topics topics, String terminal, int maxBatch, Duration ackTimeout) {
    this.outbox = outbox;
    this.session = session;
    this.messages = messages;
    this.topic = topics.up(terminal, Topics.Up.EVENTS);
    this.maxBatch = maxBatch;
    // Enough unacknowledged events to keep the pipe full through the hub's batch commits, few
    // enough that a broker queue never has to hold a terminal's whole backlog.
    this.window = Math.max(maxBatch * 8, 64);
    this.ackTimeout = ackTimeout;
  }

  public Delivery start() {
    sender = Thread.ofVirtual().name("delivery").start(this::run);
    return this;
  }

  /** A new event was committed: send it soon. */
  public void wake() {
    synchronized (signal) {
      poked = true;
      signal.notifyAll();
    }
  }

  /**
   * After a (re)connect: whatever was in flight may be lost with the old connection; start again from
   * the oldest. Not if everything in flight already went out on this connection (the sender starts as
   * soon as a connection is up, often before this is called: a backlog's first batch went twice).
   */
  public void resendAll() {
    if (sendingOn == session.connects()) return;
    restart = true;
    wake();
  }

  /** The hub's ack: delete what it committed, keep aside what it refused, free the window. */
  public void acknowledged(Ack ack) {
    if (!ack.epoch().equals(outbox.epoch())) {
      log.info("ignored an ack for outbox epoch {}: this outbox is epoch {}", ack.epoch(), outbox.epoch());
      return;
    }
    outbox.acknowledge(ack);
    inFlight.acknowledged(ack.committed(), ack.rejected());
    wake();
  }

  public long resends() {
    return resends.get();
  }

  private void run() {
    while (!closed) {
      try {
        if (!session.connected()) {
          pause(200);
          continue;
        }
        long oldest = inFlight.oldestSentAtMs();
        if (oldest >= 0 && monotonicMs() - oldest > ackTimeout.toMillis()) {
          log.info("no ack from the hub for {} s: sending the {} unacknowledged events again", ackTimeout.toSeconds(), inFlight.events());
          restart = true;
        }
        if (restart) {
          if (inFlight.events() > 0) resends.incrementAndGet();
          restart = false;
          sendingOn = session.connects();
          inFlight.clear();
          cursor = 0;
        }
        int room = window - inFlight.events();
        if (room <= 0 || !sendNext(Math.min(room, maxBatch))) pause(room <= 0 ? 100 : 500);
      } catch (RuntimeException e) {
        log.error("delivery loop: {}", e.toString(), e);
        pause(1000);
      }
    }
  }

  /** Sends the next batch after the cursor; false if there was nothing to send or no connection. */
  private boolean sendNext(int max) {
    List<Pending> batch = fitting(outbox.after(cursor, max), BATCH_BYTES);
    if (batch.isEmpty()) return false;
    if (batch.getFirst().bytes() > BATCH_BYTES) {
      Pending big = batch.getFirst();
      log.error("event {} is {} bytes, more than a message may carry: set aside in the outbox, not sent", big.seq(), big.bytes());
      outbox.setAside(List.of(new Rejected(big.seq(), "too-large")));
      return true;
    }
    List<byte[]> events = new ArrayList<>(batch.size());
    long[] seqs = new long[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      events.add(batch.get(i).json());
      seqs[i] = batch.get(i).seq();
    }
    byte[] payload = codec.encodeEvents(messages.header(), outbox.epoch(), events);
    payload = compressor.forSending(payload);
    MqttSession.Sent sent = session.publish(topic, payload, false, Duration.ofSeconds(1), ok -> {});
    if (sent != MqttSession.Sent.IN_FLIGHT) return false;
    inFlight.sent(seqs, monotonicMs());
    cursor = seqs[seqs.length - 1];
    return true;
  }

  /**
   * The longest head of {@code pending} whose events' JSON fits in {@code budget} bytes; a first event
   * alone over the budget comes back alone (the caller sets it aside).
   */
  static List<Pending> fitting(List<Pending> pending, int budget) {
    long bytes = 0;
    for (int i = 0; i < pending.size(); i++) {
      bytes += pending.get(i).bytes() + 1; // and a comma
      if (bytes > budget) return pending.subList(0, Math.max(i, 1));
    }
    return pending;
  }

  /**
   * The ack timeout's time: monotonic, never the wall clock, which an operator or NTP may set back an
   * hour (no resend for an hour) or forward (everything in flight sent again at once).
   */
  private static long monotonicMs() {
    return (System.nanoTime() - STARTED_NANOS) / 1_000_000;
  }

  private void pause(long ms) {
    synchronized (signal) {
      try {
        if (!poked) signal.wait(ms);
        poked = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    wake();
    if (sender != null) {
      try {
        sender.join(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (sender == null || !sender.isAlive()) compressor.close(); // else it may still be compressing: left to exit
  }
}
