package jp.mynaterm.hardware.card.pcsc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.transport.CardThread;
import jp.mynaterm.hardware.card.transport.TransportException;

/**
 * The PC/SC readers pcscd knows, connecting to the card in one, and watching them: this JVM's one
 * PC/SC context, so one instance ({@link #ofThisJvm()}).
 *
 * <p>Why one: javax.smartcardio keeps one PC/SC context per JVM and pcsc-lite serialises the calls on
 * it, so a {@link ReaderWatcher} blocked in {@code SCardGetStatusChange} holds every
 * {@code SCardTransmit} back until its wait ends (measured: about one second per APDU with a 1 s
 * wait). Every call on a connected card ({@link PcscCard}) and every connect is card work here; the
 * watcher waits in short slices and stays out while card work runs or ran a moment ago (the gap
 * between two APDUs of one operation).
 */
public final class Readers {
  /** A reader and whether a card sits in it. */
  public record Reader(String name, boolean cardPresent) {}

  /** How long after card work the watcher still keeps out: longer than the host's pause between two APDUs. */
  private static final Duration QUIET_AFTER_CARD_WORK = Duration.ofMillis(100);
  private static final Readers THIS_JVM = new Readers();
  /** A connect that takes longer fails (a wedged pcscd must not hang the terminal); the card's own thread keeps waiting. */
  private static final Duration CONNECT_LIMIT = Duration.ofSeconds(5);

  private final AtomicInteger cardWork = new AtomicInteger();
  private volatile long cardWorkEnded = System.nanoTime() - QUIET_AFTER_CARD_WORK.toNanos();

  private Readers() {}

  /** The readers of this JVM's PC/SC context. */
  public static Readers ofThisJvm() {
    return THIS_JVM;
  }

  /**
   * The PC/SC factory. Every factory shares the JVM's one context, bound to the pcscd it first met
   * (a pcscd restarted later stays out of this JVM's reach: see {@link PcscDaemon}).
   */
  TerminalFactory factory() throws CardException {
    PcscLibrary.ensureConfigured();
    try {
      return TerminalFactory.getInstance("PC/SC", null);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new CardException("PC/SC is not available in this JVM: " + e.getMessage());
    }
  }

  /** The readers now present; empty when there are none. */
  public CardResult<List<Reader>> list() {
    try {
      List<Reader> out = new ArrayList<>();
      for (CardTerminal t : terminals(factory())) out.add(new Reader(t.getName(), t.isCardPresent()));
      return CardResult.ok(out);
    } catch (CardException | RuntimeException e) {
      return CardResult.failed(new CardProblem.ReaderUnavailable(explain(e)));
    }
  }

  static List<CardTerminal> terminals(TerminalFactory factory) throws CardException {
    try {
      return factory.terminals().list();
    } catch (CardException e) {
      // pcsc-lite answers "no readers" with an error code; that is an empty list, not a failure.
      if (String.valueOf(e.getMessage()).contains("SCARD_E_NO_READERS_AVAILABLE")
          || (e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains("SCARD_E_NO_READERS_AVAILABLE"))) {
        return List.of();
      }
      throw e;
    }
  }

  /**
   * Connects to the card in the reader whose name contains {@code readerName} (or, when null, the
   * first reader with a card).
   */
  public CardResult<PcscCard> connect(String readerName) {
    CardThread thread = new CardThread(Thread.ofPlatform().daemon().name("card " + (readerName == null ? "(any reader)" : readerName)).factory());
    AtomicReference<PcscCard> connected = new AtomicReference<>();
    AtomicBoolean settled = new AtomicBoolean();
    try {
      CardResult<PcscCard> r = cardWork(() -> thread.call(() -> {
        CardResult<PcscCard> c = connectNow(readerName, thread);
        if (c instanceof CardResult.Ok<PcscCard> ok) {
          connected.set(ok.value());
          // The caller gave up waiting: nobody will use or release this connection.
          if (!settled.compareAndSet(false, true)) ok.value().release();
        }
        return c;
      }, CONNECT_LIMIT));
      settled.set(true);
      if (!(r instanceof CardResult.Ok)) thread.close();
      return r;
    } catch (TransportException e) {
      if (!settled.compareAndSet(false, true) && connected.get() != null) connected.get().release();
      thread.close();
      return CardResult.failed(new CardProblem.ReaderUnavailable("PC/SC did not connect within " + CONNECT_LIMIT.toSeconds()
          + " s (" + e.failure().describe() + "; is pcscd answering?)"));
    }
  }

  /** Starts a watcher reporting cards and readers coming and going; events arrive on its thread, in order. */
  public ReaderWatcher watch(Consumer<ReaderWatcher.Event> listener, Duration wait) {
    return ReaderWatcher.start(this, listener, wait);
  }

  private CardResult<PcscCard> connectNow(String readerName, CardThread thread) {
    try {
      List<CardTerminal> all = terminals(factory());
      if (all.isEmpty()) return CardResult.failed(new CardProblem.ReaderUnavailable("no reader connected"));
      CardTerminal chosen = null;
      for (CardTerminal t : all) {
        if (readerName != null ? t.getName().contains(readerName) : t.isCardPresent()) {
          chosen = t;
          break;
        }
      }
      if (chosen == null) {
        return CardResult.failed(readerName != null
            ? new CardProblem.ReaderUnavailable("no reader named '" + readerName + "'")
            : new CardProblem.NoCard("any reader"));
      }
      if (!chosen.isCardPresent()) return CardResult.failed(new CardProblem.NoCard(chosen.getName()));
      Card card = chosen.connect("*");
      return CardResult.ok(new PcscCard(this, chosen, card, thread));
    } catch (CardException | RuntimeException e) {
      String m = explain(e);
      if (m.contains("NO_SMARTCARD") || m.contains("REMOVED")) return CardResult.failed(new CardProblem.NoCard(String.valueOf(readerName)));
      return CardResult.failed(new CardProblem.ReaderUnavailable(m));
    }
  }

  /** Work that would be held back by a waiting watcher. */
  @FunctionalInterface
  interface Work<T, X extends Exception> {
    T run() throws X;
  }

  /** Runs card work with the watcher kept out of its way. */
  <T, X extends Exception> T cardWork(Work<T, X> work) throws X {
    cardWork.incrementAndGet();
    try {
      return work.run();
    } finally {
      cardWorkEnded = System.nanoTime();
      cardWork.decrementAndGet();
    }
  }

  /** Card work runs, or ended so recently that the next step of the same operation is likely to follow. */
  boolean cardWorkRecent() {
    return cardWork.get() > 0 || System.nanoTime() - cardWorkEnded < QUIET_AFTER_CARD_WORK.toNanos();
  }

  static String explain(Exception e) {
    String m = e.getMessage();
    if (e.getCause() != null && e.getCause().getMessage() != null) m = m + ": " + e.getCause().getMessage();
    if (m != null && m.contains("SCARD_E_NO_SERVICE")) return "pcscd is not running (SCARD_E_NO_SERVICE)";
    return m;
  }
}
