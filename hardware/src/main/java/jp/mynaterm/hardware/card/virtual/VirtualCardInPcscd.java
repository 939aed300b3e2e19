package jp.mynaterm.hardware.card.virtual;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.pcsc.Readers;
import jp.mynaterm.hardware.card.pcsc.VpcdReaderLock;

/**
 * A virtual card sitting in pcscd's vpcd reader, ready for PC/SC clients: the reader lock taken,
 * pcscd running (started if needed, for the rest of this JVM's life), the card inserted and seen by
 * pcscd. Closing takes the card out and frees the reader. Used by the integration tests, {@code bench tap} and the demo.
 */
public final class VirtualCardInPcscd implements AutoCloseable {
  private static final Duration APPEAR = Duration.ofSeconds(15);

  private final VpcdReaderLock lock;
  private final VpcdClient vpcd;
  private final String reader;

  private VirtualCardInPcscd(VpcdReaderLock lock, VpcdClient vpcd, String reader) {
    this.lock = lock;
    this.vpcd = vpcd;
    this.reader = reader;
  }

  public sealed interface Opening {
    record Ready(VirtualCardInPcscd card) implements Opening {}

    /** Why not, in one line for an operator or a loud test skip. */
    record Unavailable(String reason) implements Opening {}
  }

  /** Puts {@code card} into "Virtual PCD 00 00", waiting up to {@code lockWait} for another user of the reader. */
  public static Opening open(VirtualMyNumberCard card, Duration lockWait) {
    return open(card, 0, lockWait);
  }

  /** Puts {@code card} into vpcd's slot 0 ("Virtual PCD 00 00") or 1 ("Virtual PCD 00 01"). */
  public static Opening open(VirtualMyNumberCard card, int slot, Duration lockWait) {
    String reader = PcscDaemon.vpcdReader(slot);
    int port = VpcdClient.DEFAULT_PORT + slot;
    VpcdReaderLock lock;
    try {
      lock = VpcdReaderLock.acquire(port, lockWait);
    } catch (IOException e) {
      return new Opening.Unavailable(e.getMessage());
    }
    if (PcscDaemon.ensureRunning(APPEAR) instanceof PcscDaemon.Availability.Unavailable u) {
      closeQuietly(lock);
      return new Opening.Unavailable(u.reason());
    }
    VirtualCardInPcscd session = new VirtualCardInPcscd(lock, VpcdClient.start(card, VpcdClient.DEFAULT_HOST, port), reader);
    if (!session.awaitPresence(true, APPEAR)) {
      session.close();
      return new Opening.Unavailable("the virtual card did not appear in " + reader + " within " + APPEAR.toSeconds() + " s");
    }
    return new Opening.Ready(session);
  }

  public VpcdClient vpcd() {
    return vpcd;
  }

  public VirtualMyNumberCard card() {
    return vpcd.card();
  }

  /** The reader's name as pcscd reports it. */
  public String readerName() {
    if (Readers.ofThisJvm().list() instanceof CardResult.Ok<List<Readers.Reader>> ok) {
      for (var r : ok.value()) if (r.name().startsWith(reader)) return r.name();
    }
    return reader;
  }

  /** Waits until pcscd reports the card in (or out of) the reader; false if it does not within {@code wait}. */
  public boolean awaitPresence(boolean present, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!presenceIs(present)) {
      if (System.nanoTime() > deadline) return false;
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    return true;
  }

  private boolean presenceIs(boolean present) {
    return Readers.ofThisJvm().list() instanceof CardResult.Ok<List<Readers.Reader>> ok
        && ok.value().stream().anyMatch(r -> r.name().startsWith(reader) && r.cardPresent() == present);
  }

  @Override
  public void close() {
    vpcd.close();
    closeQuietly(lock);
  }

  private static void closeQuietly(VpcdReaderLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }
}
