package jp.mynaterm.hardware.card.pcsc;

import java.time.Duration;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import jp.mynaterm.hardware.card.transport.CardThread;
import jp.mynaterm.hardware.card.transport.CardTransport;
import jp.mynaterm.hardware.card.transport.ConnectedCard;
import jp.mynaterm.hardware.card.transport.ReaderControl;
import jp.mynaterm.hardware.card.transport.TransportException;
import jp.mynaterm.hardware.card.transport.TransportFailure;

/**
 * A card connected through PC/SC (javax.smartcardio). Every call on it runs on the card's own
 * platform thread ({@link CardThread}: a native PC/SC call would pin a virtual thread's carrier, and
 * exclusive access belongs to one thread) and counts as card work for {@link Readers}, so a reader
 * watcher in this JVM stays out of its way. What PC/SC throws becomes a {@link TransportFailure}.
 */
public final class PcscCard implements ConnectedCard, CardTransport {
  /** A release that takes longer is left to finish on its own: a wedged pcscd must not hang the terminal. */
  private static final Duration RELEASE_LIMIT = Duration.ofSeconds(5);

  private final Readers readers;
  private final CardTerminal terminal;
  /** Replaced once at most, by {@link #reconnectAfterReset}; used on the card's thread only. */
  private Card card;
  private CardChannel channel;
  private final byte[] atr;
  private final CardThread thread;
  /** Whether this connection holds the card exclusively; read and written on the card's thread only. */
  private boolean exclusive;
  /** Whether the card has answered anything on this connection; read and written on the card's thread only. */
  private boolean answered;
  private boolean reconnected;

  /** @param thread the thread the card was connected on, which runs all its calls from now on */
  PcscCard(Readers readers, CardTerminal terminal, Card card, CardThread thread) {
    this.readers = readers;
    this.terminal = terminal;
    this.card = card;
    this.channel = card.getBasicChannel();
    this.atr = card.getATR().getBytes();
    this.thread = thread;
  }

  @Override
  public String reader() {
    return terminal.getName();
  }

  @Override
  public byte[] atr() {
    return atr.clone();
  }

  @Override
  public CardTransport transport() {
    return this;
  }

  @Override
  public byte[] transmit(byte[] command, Duration limit) throws TransportException {
    CommandAPDU apdu = new CommandAPDU(command); // a malformed command is the caller's bug: thrown here
    return readers.cardWork(() -> thread.call(() -> {
      try {
        return send(apdu);
      } catch (CardException | RuntimeException e) {
        if (answered || !wasReset(e) || !reconnectAfterReset()) throw new TransportException(failureFor(e));
        try {
          return send(apdu);
        } catch (CardException | RuntimeException again) {
          throw new TransportException(failureFor(again));
        }
      }
    }, limit));
  }

  private byte[] send(CommandAPDU apdu) throws CardException {
    byte[] answer = channel.transmit(apdu).getBytes();
    answered = true;
    return answer;
  }

  /**
   * pcsc-lite answers the first command after a card was put in, or after another connection reset
   * it (as every release here does), with SCARD_W_RESET_CARD now and then: the handle still carries
   * the card's state from before. Nothing was sent on this connection yet, so nothing is lost by
   * connecting again, once, and sending the command there (SCardReconnect, which javax.smartcardio
   * does not offer). A reset in the middle of a session is the card's state gone: that stays a failure.
   */
  private static boolean wasReset(Exception e) {
    return message(e).contains("RESET_CARD");
  }

  /** What PC/SC said: javax.smartcardio puts the SCARD_* name in the cause's message. */
  private static String message(Exception e) {
    return String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
  }

  private boolean reconnectAfterReset() {
    if (reconnected) return false;
    reconnected = true;
    try {
      card.disconnect(false);
    } catch (CardException | RuntimeException ignored) {
      // the stale handle may already be gone
    }
    try {
      card = terminal.connect("*");
      channel = card.getBasicChannel();
      if (exclusive) card.beginExclusive();
      return true;
    } catch (CardException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public Optional<ReaderControl> control() {
    return Optional.of((code, command, limit) -> readers.cardWork(() -> thread.call(() -> {
      try {
        return card.transmitControlCommand(code, command);
      } catch (CardException | RuntimeException e) {
        String m = e instanceof CardException c ? Readers.explain(c) : "";
        // A reader without the feature (vpcd has no part 10 at all): not a card fault, so the reader is not asked.
        if (m.contains("UNSUPPORTED") || m.contains("NOT_TRANSACTED")) throw new TransportException(new TransportFailure.Io(m));
        throw new TransportException(failureFor(e));
      }
    }, limit)));
  }

  /**
   * {@code Card.beginExclusive} on the card's own thread, which javax.smartcardio binds it to (every
   * later call runs there too). pcsc-lite then refuses other connections' commands with
   * {@code SCARD_E_SHARING_VIOLATION}, and makes their own {@code SCardBeginTransaction} wait.
   */
  @Override
  public void holdExclusively(Duration limit) throws TransportException {
    readers.cardWork(() -> thread.call(() -> {
      if (exclusive) return null;
      try {
        card.beginExclusive();
        exclusive = true;
        return null;
      } catch (CardException | RuntimeException e) {
        throw new TransportException(failureFor(e));
      }
    }, limit));
  }

  @Override
  public void release() {
    readers.cardWork(() -> {
      try {
        if (thread.broken()) {
          // The card's thread may be stuck in a call: release from another, still within the limit.
          try (CardThread releaser = new CardThread(Thread.ofPlatform().daemon().name("card release " + terminal.getName()).factory())) {
            releaser.call(() -> {
              disconnect();
              return null;
            }, RELEASE_LIMIT);
          }
        } else {
          thread.call(() -> {
            disconnect();
            return null;
          }, RELEASE_LIMIT);
        }
      } catch (TransportException e) {
        // Already gone, or too slow to say so: nothing more to release.
      } finally {
        thread.close();
      }
      return null;
    });
  }

  private void disconnect() {
    if (exclusive) {
      try {
        card.endExclusive();
      } catch (CardException | RuntimeException e) {
        // Released from another thread after a stuck call: the reset below ends the transaction too.
      }
      exclusive = false;
    }
    try {
      card.disconnect(true); // SCARD_RESET_CARD: a verified PIN does not outlive the connection
    } catch (CardException | RuntimeException e) {
      // Already gone: nothing to release.
    }
  }

  /** Removal shows up as several codes and messages; after any other failure the reader is asked. */
  private TransportFailure failureFor(Exception e) {
    String m = message(e);
    // pcsc-lite for another program's handle; javax.smartcardio for another connection in this JVM,
    // which it gives the same Card (one per reader and protocol).
    if (m.contains("SHARING_VIOLATION") || m.contains("Exclusive access established by another")) return new TransportFailure.InUse();
    if (e instanceof IllegalStateException || m.contains("REMOVED") || m.contains("NO_SMARTCARD")
        || m.contains("RESET_CARD") || m.contains("UNPOWERED") || m.contains("disconnected")) {
      return new TransportFailure.CardRemoved();
    }
    TransportFailure failure = switch (e) {
      // javax.smartcardio refuses a response shorter than the two status bytes.
      case IllegalArgumentException a -> new TransportFailure.Protocol("response too short");
      case CardException c when m.contains("READER_UNAVAILABLE") || m.contains("UNKNOWN_READER") || m.contains("NO_SERVICE") ->
          new TransportFailure.ReaderGone(Readers.explain(c));
      case CardException c -> new TransportFailure.Io(Readers.explain(c));
      default -> new TransportFailure.Protocol(e.getClass().getSimpleName());
    };
    return stillPresent() ? failure : new TransportFailure.CardRemoved();
  }

  /** pcscd polls some readers (vpcd every 400 ms), so a just-pulled card is given a moment to show. */
  private boolean stillPresent() {
    try {
      return !terminal.waitForCardAbsent(1000);
    } catch (CardException | RuntimeException e) {
      return false;
    }
  }
}
