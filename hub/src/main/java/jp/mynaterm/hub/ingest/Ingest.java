package jp.mynaterm.hub.ingest;

import java.sql.Connection;
import java.sql.Savepoint;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.hub.storage.StatusRow;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.Stored;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.DecodeResult;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.codec.SalvagedEvents;
import jp.mynaterm.protocol.message.Ack;
import jp.mynaterm.protocol.message.Birth;
import jp.mynaterm.protocol.message.Envelope;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Events;
import jp.mynaterm.protocol.message.Header;
import jp.mynaterm.protocol.message.Heartbeat;
import jp.mynaterm.protocol.message.LastWill;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.Rejected;
import jp.mynaterm.protocol.message.Request;
import jp.mynaterm.protocol.message.SeqRange;
import jp.mynaterm.protocol.mqtt.MqttSession;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes what terminals publish on the up branch (the hubs of a group through an MQTT 5 shared
 * subscription, so they split the load), validates every message, stores events and status in batches, and only after
 * the commit acknowledges: the per-terminal {@link Ack} (which lets the terminal delete the events)
 * and the MQTT acknowledgement (manual acks: a hub that dies before committing gets the message
 * again). Storage is keyed by (terminal, epoch, seq), so repeats are stored once and acked again; a
 * different event under a stored key is kept aside, alerted and refused in the ack ({@code conflict}),
 * never acked as a repeat. An events message with some unreadable events has the others stored and
 * the unreadable ones refused in the ack by sequence, so the terminal stops sending them.
 *
 * <p>Rejected, counted by reason, logged once per reason, acknowledged to the broker so it does not
 * come back: undecodable payloads (too large, not JSON, unknown schema, …), a topic outside this
 * municipality, a terminal publishing under another terminal's id, the wrong kind of message.
 */
public final class Ingest implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Ingest.class);
  private static final int MAX_BATCH_MESSAGES = 500;
  /**
   * The most messages the broker may send the hub before it acknowledges some (the hub's MQTT Receive
   * Maximum). This, not a full queue, holds terminals back when the writer lags: the broker waits, and
   * Paho's callback thread, which also completes the hub's own publishes, is never blocked.
   */
  public static final int MAX_UNACKNOWLEDGED = 4 * MAX_BATCH_MESSAGES;

  /**
   * One received message, already validated (null envelope: rejected), and its broker acknowledgement.
   * {@code salvaged}: an events message refused as a whole by decoding whose readable events are kept.
   * {@code rows}: its events (or the salvaged ones) as they will be stored, made on the receiving thread
   * so the writer only stores them.
   */
  private record Received(String topic, Envelope envelope, SalvagedEvents salvaged, List<EventRow> rows, Runnable ack) {
    Received(String topic, Envelope envelope, Runnable ack) {
      this(topic, envelope, null, envelope.body() instanceof Events ev ? rows(envelope.header().terminal(), ev.epoch(), ev.events()) : List.of(), ack);
    }

    static Received rejected(String topic, Runnable ack) {
      return new Received(topic, null, null, List.of(), ack);
    }

    Received(String topic, SalvagedEvents salvaged, Runnable ack) {
      this(topic, null, salvaged, rows(salvaged.header().terminal(), salvaged.epoch(), salvaged.readable()), ack);
    }

    private static List<EventRow> rows(String terminal, String epoch, List<EventRecord> records) {
      List<EventRow> rows = new ArrayList<>(records.size());
      for (EventRecord rec : records) rows.add(new EventRow(terminal, epoch, rec));
      return rows;
    }
  }

  /** The (terminal, outbox epoch) an ack answers. */
  private record AckTo(String terminal, String epoch) {}

  /** What one ack will say: the sequences committed (new or repeats) and the events refused for good. */
  private record AckParts(List<Long> committed, List<Rejected> refused) {
    AckParts() {
      this(new ArrayList<>(), new ArrayList<>());
    }
  }

  private final String municipality;
  private final Topics topics;
  private final Database db;
  private final EventRepository events;
  private final TerminalRepository terminals;
  private final MessageCodec codec;
  private final MessageFactory messages;
  private final RequestHandler requests;
  private final Rejects rejects = new Rejects();
  /** Bounded by {@link #MAX_UNACKNOWLEDGED}: the broker sends no more until the writer acknowledges. */
  private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
  /** Requests wait for no batch: a kiosk waits 10 s for its answer, however far behind the writer is. */
  private final BlockingQueue<Received> asks = new LinkedBlockingQueue<>();
  private final AckSender acks = new AckSender(() -> this.session);
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong repeats = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();
  private final WithEvents withEvents;
  private final java.util.function.Consumer<List<EventRow>> afterCommit;
  private volatile MqttSession session;
  private volatile boolean closed;
  private Thread writer;
  private Thread answerer;

  /**
   * Work that commits with the events it follows (a ride's charge: a hub that died between two commits
   * would have stored the ride and never charged it). Runs inside the batch's transaction with the
   * events new in it, again if the transaction is retried; if it fails, the events commit without it
   * (logged). What it returns runs once the batch is committed (sending what the change means to terminals).
   */
  public interface WithEvents {
    Runnable apply(Connection c, List<EventRow> fresh) throws SQLException;
  }

  /** Answers terminal requests (list sync, …) on their own thread, apart from the writer's batches. */
  public interface RequestHandler {
    void handle(String terminal, Request request);
  }

  /**
   * @param withEvents runs in every batch's transaction with the events new in it
   * @param afterCommit called after every committed batch, on the ingest thread, with the events that
   *     were new in it (repeats left out); the registries apply link events there
   */
  public Ingest(
      String municipality, Database db, MessageCodec codec, MessageFactory messages, RequestHandler requests, WithEvents withEvents,
      java.util.function.Consumer<List<EventRow>> afterCommit) {
    this.withEvents = withEvents;
    this.afterCommit = afterCommit;
    this.municipality = municipality;
    this.topics = new Topics(municipality);
    this.db = db;
    this.events = new EventRepository(db);
    this.terminals = new TerminalRepository(db);
    this.codec = codec;
    this.messages = messages;
    this.requests = requests;
  }

  /**
   * The subscriptions ingest needs, for the hub's MQTT session: plain for a single hub, shared in
   * {@code shareGroup} by the hubs of a group (requests too, so whichever hub gets one answers it).
   */
  public static List<String> subscriptions(Topics topics, String shareGroup) {
    return java.util.Arrays.stream(Topics.Up.values()).map(c -> topics.everyUp(shareGroup, c)).toList();
  }

  public Ingest start(MqttSession session) {
    this.session = session;
    writer = Thread.ofPlatform().name("ingest-writer").daemon().start(this::run);
    answerer = Thread.ofPlatform().name("ingest-requests").daemon().start(this::answer);
    return this;
  }

  /**
   * From the MQTT session's receive thread: validates (decoding runs here, beside the writer's
   * commits) and queues without blocking — requests to their own thread, the rest to the writer.
   * Back-pressure is the broker's: at most {@link #MAX_UNACKNOWLEDGED} messages await the writer.
   */
  public void offer(String topic, MqttMessage message, Runnable ack) {
    Received r = validate(topic, message.getPayload(), ack);
    if (r.envelope() != null && r.envelope().body() instanceof Request) asks.add(r);
    else queue.add(r);
  }

  /** Answers requests as they come, apart from the writer; each is acknowledged to the broker once answered. */
  private void answer() {
    while (!closed) {
      Received r;
      try {
        r = asks.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (r == null) continue;
      String terminal = r.envelope().header().terminal();
      try {
        requests.handle(terminal, (Request) r.envelope().body());
      } catch (RuntimeException e) {
        log.warn("request from {} failed: {}", terminal, e.toString());
      }
      r.ack().run();
    }
  }

  /** Batches until closed, then commits what is still queued: closed after the session, nothing more comes. */
  private void run() {
    List<Received> batch = new ArrayList<>(MAX_BATCH_MESSAGES);
    while (!closed || !queue.isEmpty()) {
      try {
        Received first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH_MESSAGES - 1);
        process(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("ingest batch failed: {}", e.toString(), e);
      } finally {
        batch.clear();
      }
    }
  }

  private void process(List<Received> batch) throws InterruptedException {
    List<EventRow> rows = new ArrayList<>();
    List<StatusRow> statuses = new ArrayList<>();
    Map<AckTo, AckParts> ackParts = new LinkedHashMap<>();
    for (Received r : batch) {
      rows.addAll(r.rows());
      if (r.salvaged() instanceof SalvagedEvents sv) {
        ackParts.computeIfAbsent(new AckTo(sv.header().terminal(), sv.epoch()), k -> new AckParts()).refused().addAll(sv.unreadable());
      }
      Envelope e = r.envelope();
      if (e == null) continue;
      String terminal = e.header().terminal();
      switch (e.body()) {
        case Events ev -> {} // its rows are in r.rows()
        case Birth b -> statuses.add(new StatusRow(terminal, "birth", b.role(), MessageCodec.write(b)));
        case Heartbeat h -> statuses.add(StatusRow.heartbeat(terminal, h));
        case LastWill w -> statuses.add(new StatusRow(terminal, "last-will", null, MessageCodec.write(w)));
        default -> rejects.count("wrong-kind", r.topic(), e.body().getClass().getSimpleName());
      }
    }
    Committed committed = commitWithRetry(rows, statuses);
    Stored[] outcome = committed.outcome();
    for (int i = 0; i < rows.size(); i++) {
      EventRow row = rows.get(i);
      AckParts to = ackParts.computeIfAbsent(new AckTo(row.terminal(), row.epoch()), k -> new AckParts());
      switch (outcome[i]) {
        case NEW -> stored.incrementAndGet();
        case REPEAT -> repeats.incrementAndGet();
        case CONFLICT -> {
          conflicts.incrementAndGet();
          rejects.count(Rejected.CONFLICT, topics.up(row.terminal(), Topics.Up.EVENTS), "a different event under stored epoch " + row.epoch() + " seq " + row.record().seq());
          to.refused().add(new Rejected(row.record().seq(), Rejected.CONFLICT));
          continue;
        }
      }
      to.committed().add(row.record().seq());
    }
    ackParts.forEach((to, parts) -> ack(to, parts.committed(), parts.refused()));
    for (Received r : batch) r.ack().run();
    List<EventRow> freshRows = committed.fresh();
    if (!freshRows.isEmpty()) {
      try {
        afterCommit.accept(freshRows);
      } catch (RuntimeException e) {
        log.warn("after-commit step failed (it runs again after the next batch): {}", e.toString());
      }
      try {
        committed.then().run();
      } catch (RuntimeException e) {
        log.warn("sending what the batch changed failed (terminals get it when they next sync): {}", e.toString());
      }
    }
  }

  /**
   * Events and status in one transaction. The database may be briefly unavailable (PostgreSQL
   * restart): keep the batch and try again on a fresh connection from the pool; nothing is
   * acknowledged before it is committed. A commit whose answer was lost is harmless to repeat:
   * its events come back as repeats.
   */
  private Committed commitWithRetry(List<EventRow> rows, List<StatusRow> statuses) throws InterruptedException {
    long wait = 100;
    while (true) {
      try {
        return db.write(c -> {
          Instant now = Instant.now();
          // A batch without events (heartbeats, a terminal's birth or stop) skips the insert: the compiled
          // insert, having met only batches with events while its profile was taken, would be thrown away
          // at the first empty one and compiled again, 0.6-0.7 s of a core twice over, mid-backlog.
          Stored[] outcome = rows.isEmpty() ? new Stored[0] : events.insert(c, rows, now);
          terminals.saveStatuses(c, statuses, now);
          List<EventRow> fresh = fresh(rows, outcome);
          return new Committed(outcome, fresh, fresh.isEmpty() ? () -> {} : withEvents(c, fresh));
        });
      } catch (SQLException e) {
        if (closed) throw new InterruptedException("closing with an uncommitted batch; the broker redelivers it");
        retries.incrementAndGet();
        log.error("storing {} events failed ({}); retrying in {} ms", rows.size(), e.getMessage(), wait);
        Thread.sleep(wait);
        wait = Math.min(wait * 2, 10_000);
      }
    }
  }

  /**
   * {@link WithEvents} under a savepoint: what it writes commits with the events, or, if it fails, none
   * of it does and the events still commit — a fault in charging rides must not stop every terminal's
   * events (the broker's window would fill and no terminal be acknowledged). Logged as an error. A
   * connection that is gone fails the rollback too, and the whole batch is tried again.
   */
  private Runnable withEvents(Connection c, List<EventRow> fresh) throws SQLException {
    Savepoint before = c.setSavepoint();
    try {
      Runnable then = withEvents.apply(c, fresh);
      c.releaseSavepoint(before);
      return then;
    } catch (SQLException | RuntimeException e) {
      c.rollback(before);
      log.error("{} new events stored without the step that commits with them (taxi charges): {}", fresh.size(), e.toString());
      return () -> {};
    }
  }

  /** A batch's outcome per row, the rows new in it, and what {@link WithEvents} left to do after the commit. */
  private record Committed(Stored[] outcome, List<EventRow> fresh, Runnable then) {}

  private static List<EventRow> fresh(List<EventRow> rows, Stored[] outcome) {
    List<EventRow> fresh = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) if (outcome[i] == Stored.NEW) fresh.add(rows.get(i));
    return fresh;
  }

  private Received validate(String topic, byte[] payload, Runnable ack) {
    Received rejected = Received.rejected(topic, ack);
    if (!(Topics.parse(topic).orElse(null) instanceof Topics.UpTopic up) || !up.municipality().equals(municipality)) {
      rejects.count("wrong-topic", topic, "not an up-branch topic of municipality " + municipality);
      return rejected;
    }
    DecodeResult result = codec.decode(payload);
    if (result instanceof DecodeResult.Failed f) {
      rejects.count(f.error().reason().key(), topic, f.error().toString());
      if (up.channel() == Topics.Up.EVENTS && f.error().path().startsWith("body.events[")) {
        var salvaged = codec.salvageEvents(payload).filter(sv -> fromSender(topic, up, sv.header()));
        if (salvaged.isPresent()) return new Received(topic, salvaged.get(), ack);
      }
      return rejected;
    }
    Envelope e = ((DecodeResult.Decoded) result).envelope();
    if (!fromSender(topic, up, e.header())) return rejected;
    boolean kindFits =
        switch (up.channel()) {
          case EVENTS -> e.body() instanceof Events;
          case STATUS -> e.body() instanceof Birth || e.body() instanceof Heartbeat || e.body() instanceof LastWill;
          case REQUESTS -> e.body() instanceof Request;
        };
    if (!kindFits) {
      rejects.count("wrong-kind", topic, e.body().getClass().getSimpleName() + " on the " + up.channel().segment + " channel");
      return rejected;
    }
    try {
      return new Received(topic, e, ack);
    } catch (RuntimeException writing) {
      // An event that decoded but cannot be written for storage is a fault of this build, not of the
      // terminal: refused and acknowledged to the broker (its window is not held), logged once.
      rejects.count("unstorable", topic, writing.toString());
      return rejected;
    }
  }

  /** The payload names the terminal of its topic and this municipality (counted as a reject if not). */
  private boolean fromSender(String topic, Topics.UpTopic up, Header header) {
    if (!header.terminal().equals(up.terminal())) {
      rejects.count("terminal-mismatch", topic, "payload says terminal " + header.terminal());
      return false;
    }
    if (!header.municipality().equals(municipality)) {
      rejects.count("wrong-municipality", topic, "payload says municipality " + header.municipality());
      return false;
    }
    return true;
  }

  private void ack(AckTo to, List<Long> seqs, List<Rejected> refused) {
    String terminal = to.terminal();
    Ack ack = new Ack(to.epoch(), ranges(seqs), refused);
    acks.send(topics.down(terminal, Topics.Down.ACKS), codec.encode(messages.forTerminal(terminal).envelope(ack)));
  }

  /** Sequences collapsed into inclusive ranges. */
  static List<SeqRange> ranges(List<Long> seqs) {
    List<Long> sorted = seqs.stream().distinct().sorted().toList();
    List<SeqRange> out = new ArrayList<>();
    long from = -1;
    long to = -1;
    for (long s : sorted) {
      if (from < 0) {
        from = to = s;
      } else if (s == to + 1) {
        to = s;
      } else {
        out.add(new SeqRange(from, to));
        from = to = s;
      }
    }
    if (from > 0) out.add(new SeqRange(from, to));
    return out;
  }

  public Rejects rejects() {
    return rejects;
  }

  /** Events stored since start (new ones only). */
  public long stored() {
    return stored.get();
  }

  /** Events received again and ignored since start. */
  public long repeats() {
    return repeats.get();
  }

  /** Events refused since start because a different event was stored under their key (each alerted). */
  public long conflicts() {
    return conflicts.get();
  }

  /** Commits that failed and were tried again (the database was unavailable) since start. */
  public long retries() {
    return retries.get();
  }

  /**
   * Stops after committing every message already received (close the session first, so none follow):
   * a stop by SIGTERM leaves nothing received uncommitted. An ack that no longer gets out only has the
   * terminal send those events again, and repeats are stored once.
   */
  @Override
  public void close() {
    closed = true;
    try {
      if (writer != null) writer.join(5000);
      if (answerer != null) answerer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    acks.close();
  }

}
