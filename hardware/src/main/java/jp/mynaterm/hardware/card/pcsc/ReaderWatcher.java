package jp.mynaterm.hardware.card.pcsc;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports cards inserted and removed on every reader, and readers coming and going. It blocks in
 * pcscd ({@code SCardGetStatusChange} through {@code waitForChange}) in slices of at most 200 ms, so
 * it never busy-loops and never holds card work back for long (see {@link Readers}); each
 * round lists readers again, so a reader plugged in later is seen within one wait.
 * When pcscd goes away it backs off and opens a fresh context. A platform thread: the native wait would
 * pin a virtual thread's carrier.
 */
public final class ReaderWatcher implements AutoCloseable {
  public sealed interface Event {
    String reader();

    record CardInserted(String reader) implements Event {}

    record CardRemoved(String reader) implements Event {}

    record ReaderAdded(String reader) implements Event {}

    record ReaderRemoved(String reader) implements Event {}
  }

  private static final Logger log = LoggerFactory.getLogger(ReaderWatcher.class);
  private static final Duration SLICE = Duration.ofMillis(200);
  /** How long it pauses, instead of waiting in pcscd, while card work runs. */
  private static final Duration BUSY_PAUSE = Duration.ofMillis(50);
  private final Readers readers;
  private final Consumer<Event> listener;
  private final Duration wait;
  private final Thread thread;
  private volatile boolean running = true;

  private ReaderWatcher(Readers readers, Consumer<Event> listener, Duration wait) {
    this.readers = readers;
    this.listener = listener;
    this.wait = wait;
    this.thread = Thread.ofPlatform().daemon().name("reader-watcher").unstarted(this::run);
  }

  /** Starts watching; events arrive on the watcher's thread, in order. See {@link Readers#watch}. */
  static ReaderWatcher start(Readers readers, Consumer<Event> listener, Duration wait) {
    ReaderWatcher w = new ReaderWatcher(readers, listener, wait);
    w.thread.start();
    return w;
  }

  private void run() {
    Map<String, Boolean> known = new HashMap<>();
    Duration backoff = Duration.ofMillis(250);
    TerminalFactory factory = null;
    while (running) {
      if (readers.cardWorkRecent()) {
        pause(BUSY_PAUSE); // card work is running: no PC/SC call that would hold its APDUs back
        continue;
      }
      try {
        if (factory == null) factory = readers.factory();
        List<CardTerminal> terminals = Readers.terminals(factory);
        Map<String, Boolean> now = new HashMap<>();
        for (CardTerminal t : terminals) now.put(t.getName(), t.isCardPresent());
        report(known, now);
        known = now;
        backoff = Duration.ofMillis(250);
        if (terminals.isEmpty()) {
          pause(wait);
        } else {
          // In slices, so card work started meanwhile waits at most one slice (see Readers).
          factory.terminals().waitForChange(Math.min(wait.toMillis(), SLICE.toMillis()));
        }
      } catch (CardException | RuntimeException e) {
        if (!running) break;
        log.debug("reader watch: {}; retrying in {} ms", Readers.explain(e instanceof Exception x ? x : new Exception(e)), backoff.toMillis());
        factory = null;
        // A reader unplugged mid-wait also lands here; only a pcscd that is gone empties the picture.
        if (!(readers.list() instanceof jp.mynaterm.hardware.card.apdu.CardResult.Ok<?>)) {
          report(known, Map.of());
          known = new HashMap<>();
        }
        pause(backoff);
        backoff = backoff.multipliedBy(2).compareTo(wait) > 0 ? wait : backoff.multipliedBy(2);
      }
    }
  }

  private void report(Map<String, Boolean> before, Map<String, Boolean> now) {
    for (var e : now.entrySet()) {
      Boolean was = before.get(e.getKey());
      if (was == null) emit(new Event.ReaderAdded(e.getKey()));
      if (e.getValue() && !Boolean.TRUE.equals(was)) emit(new Event.CardInserted(e.getKey()));
      if (!e.getValue() && Boolean.TRUE.equals(was)) emit(new Event.CardRemoved(e.getKey()));
    }
    for (var e : before.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        if (e.getValue()) emit(new Event.CardRemoved(e.getKey()));
        emit(new Event.ReaderRemoved(e.getKey()));
      }
    }
  }

  private void emit(Event e) {
    try {
      listener.accept(e);
    } catch (RuntimeException ex) {
      log.warn("card event listener failed on {}", e, ex);
    }
  }

  private void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(wait.toMillis() + 2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
