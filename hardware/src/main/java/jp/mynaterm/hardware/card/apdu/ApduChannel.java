package jp.mynaterm.hardware.card.apdu;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place APDUs leave the process. Every command passes the {@link MyNumberGuard}; each has a
 * timeout; {@code 61 xx} (GET RESPONSE) and {@code 6C xx} (repeat with Le) are handled; long files are
 * read in short chunks. Problems come out as {@link CardFailure}, never as runtime exceptions.
 *
 * <p>Logs show instructions and status words only: a VERIFY's data (the PIN) is never logged.
 */
public final class ApduChannel {
  private static final Logger log = LoggerFactory.getLogger(ApduChannel.class);
  private static final int MAX_GET_RESPONSES = 64;
  private static final int MAX_FILE = 0x7FFF;
  /**
   * PC/SC calls block in native code, which pins a virtual thread's carrier: with a reader watcher
   * and a transmit pinned, a 2-core machine has no carrier left (the in-process vpcd client starves).
   * So transmits run on platform threads.
   */
  private static final java.util.concurrent.ExecutorService TRANSMITTERS =
      java.util.concurrent.Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("apdu-", 0).factory());

  private final CardChannel channel;
  private final Duration timeout;
  /** Set after a timeout: the card's answer may still come, so the channel is not used again. */
  private volatile boolean broken;

  private final CardPresence presence;

  /** Asked after a failed exchange: a reader may report a pulled card only as a broken answer. */
  @FunctionalInterface
  public interface CardPresence {
    /** False when the card has left the reader (may wait briefly for the reader to notice). */
    boolean stillPresent();
  }

  public ApduChannel(CardChannel channel, Duration timeout) {
    this(channel, timeout, () -> true);
  }

  public ApduChannel(CardChannel channel, Duration timeout, CardPresence presence) {
    this.channel = channel;
    this.timeout = timeout;
    this.presence = presence;
  }

  /**
   * Sends one command and returns the final response (after GET RESPONSE / repeat with Le).
   *
   * @param during what the command is for, shown in problems ("READ BINARY 000A")
   */
  public Response send(byte[] command, String during) throws CardFailure {
    var refused = MyNumberGuard.check(command);
    if (refused.isPresent()) {
      log.warn("refused a command to the card: {}", refused.get());
      throw new CardFailure(new CardProblem.RefusedByGuard(refused.get()));
    }
    Response r = transmit(command, during);
    if (r.sw1() == 0x6C && (command[1] & 0xFF) != 0x20) {
      // Wrong Le: repeat once with the length the card gave. Never for VERIFY (it would spend a try).
      r = transmit(Apdus.withLe(command, r.sw2()), during);
    }
    if (r.sw1() != 0x61) return r;
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(r.data());
    for (int i = 0; i < MAX_GET_RESPONSES && r.sw1() == 0x61; i++) {
      r = transmit(Apdus.getResponse(r.sw2()), during + " (GET RESPONSE)");
      data.writeBytes(r.data());
    }
    if (r.sw1() == 0x61) throw new CardFailure(new CardProblem.MalformedData("endless GET RESPONSE during " + during));
    return new Response(data.toByteArray(), r.sw());
  }

  /** Like {@link #send} but anything other than {@code 90 00} is a problem. */
  public byte[] expectOk(byte[] command, String during) throws CardFailure {
    Response r = send(command, during);
    if (r.ok()) return r.data();
    throw new CardFailure(problemFor(r.sw(), during));
  }

  public void selectAid(byte[] aid, String name) throws CardFailure {
    expectOk(Apdus.selectAid(aid), "SELECT " + name);
  }

  /** Selects an application by AID; a card without it is not a My Number card. */
  public void selectApplication(byte[] aid, String name) throws CardFailure {
    Response r = send(Apdus.selectAid(aid), "SELECT " + name);
    if (r.sw() == 0x6A82) throw new CardFailure(new CardProblem.NotMyNumberCard("no " + name));
    if (!r.ok()) throw new CardFailure(new CardProblem.UnexpectedStatus(r.sw(), "SELECT " + name));
  }

  public void selectEf(int fileId) throws CardFailure {
    expectOk(Apdus.selectEf(fileId), "SELECT EF " + efName(fileId));
  }

  /**
   * Reads a whole BER-TLV file (a certificate, the basic items): its header first, then the rest in
   * 256-byte chunks and the exact remainder, with offsets, as OpenSC and the card expect.
   */
  public byte[] readTlvFile(int fileId) throws CardFailure {
    String during = "READ BINARY " + efName(fileId);
    selectEf(fileId);
    byte[] head = expectOk(Apdus.readBinary(0, 4), during);
    if (head.length < 2) throw new CardFailure(new CardProblem.MalformedData("EF " + efName(fileId) + " header too short"));
    int total = tlvTotalLength(head, efName(fileId));
    if (total > MAX_FILE) throw new CardFailure(new CardProblem.MalformedData("EF " + efName(fileId) + " claims " + total + " bytes"));
    byte[] file = Arrays.copyOf(head, total);
    int have = Math.min(head.length, total);
    while (have < total) {
      int want = Math.min(256, total - have);
      byte[] chunk = expectOk(Apdus.readBinary(have, want), during);
      if (chunk.length == 0) throw new CardFailure(new CardProblem.MalformedData("EF " + efName(fileId) + " ended at " + have + " of " + total + " bytes"));
      int take = Math.min(chunk.length, total - have);
      System.arraycopy(chunk, 0, file, have, take);
      have += take;
    }
    return file;
  }

  /** Size of a BER-TLV object (tag of 1 or 2 bytes, definite length) from its first bytes. */
  static int tlvTotalLength(byte[] head, String ef) throws CardFailure {
    int i = 1;
    if ((head[0] & 0x1F) == 0x1F) i = 2; // two-byte tag (e.g. FF 20)
    if (i >= head.length) throw new CardFailure(new CardProblem.MalformedData("EF " + ef + " header too short"));
    int first = head[i] & 0xFF;
    if (first < 0x80) return i + 1 + first;
    int n = first & 0x7F;
    if (n == 0 || n > 2 || i + 1 + n > head.length) {
      throw new CardFailure(new CardProblem.MalformedData("EF " + ef + " has an unsupported length form"));
    }
    int len = 0;
    for (int k = 0; k < n; k++) len = (len << 8) | (head[i + 1 + k] & 0xFF);
    return i + 1 + n + len;
  }

  /** The problem a status word stands for, outside VERIFY (which has its own meanings). */
  public static CardProblem problemFor(int sw, String during) {
    return switch (sw) {
      case 0x6982 -> new CardProblem.SecurityStatusNotSatisfied(during);
      case 0x6983, 0x6984 -> new CardProblem.PinBlocked();
      default -> new CardProblem.UnexpectedStatus(sw, during);
    };
  }

  private Response transmit(byte[] command, String during) throws CardFailure {
    if (broken) throw new CardFailure(new CardProblem.Timeout(timeout, "an earlier command"));
    CommandAPDU apdu;
    try {
      apdu = new CommandAPDU(command);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid command APDU for " + during, e);
    }
    Future<ResponseAPDU> task = TRANSMITTERS.submit(() -> channel.transmit(apdu));
    long started = System.nanoTime();
    try {
      ResponseAPDU r = await(task);
      if (log.isDebugEnabled()) {
        log.debug("{} -> {} ({} bytes, {} us)", during, CardProblem.hex(r.getSW()), r.getNr(), (System.nanoTime() - started) / 1000);
      }
      return new Response(r.getData(), r.getSW());
    } catch (TimeoutException e) {
      broken = true;
      task.cancel(true);
      throw new CardFailure(new CardProblem.Timeout(timeout, during));
    } catch (ExecutionException e) {
      CardProblem p = problemForThrown(e.getCause(), during);
      if (!(p instanceof CardProblem.CardRemoved) && !presenceAfterFailure()) p = new CardProblem.CardRemoved();
      throw new CardFailure(p);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.cancel(true);
      throw new CardFailure(new CardProblem.Timeout(Duration.ofNanos(System.nanoTime() - started), during + " (interrupted)"));
    }
  }

  private boolean presenceAfterFailure() {
    try {
      return presence.stillPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private ResponseAPDU await(Future<ResponseAPDU> task) throws TimeoutException, ExecutionException, InterruptedException {
    return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** What the PC/SC layer threw, as a problem: removal shows up as several codes and messages. */
  static CardProblem problemForThrown(Throwable t, String during) {
    String m = String.valueOf(t.getMessage()) + (t.getCause() == null ? "" : " " + t.getCause().getMessage());
    if (t instanceof IllegalArgumentException) {
      // javax.smartcardio refuses a response shorter than the two status bytes.
      return new CardProblem.MalformedData("response too short during " + during);
    }
    if (t instanceof IllegalStateException || m.contains("REMOVED") || m.contains("NO_SMARTCARD")
        || m.contains("RESET_CARD") || m.contains("UNPOWERED") || m.contains("disconnected")) {
      return new CardProblem.CardRemoved();
    }
    if (t instanceof CardException) return new CardProblem.ReaderUnavailable(m);
    return new CardProblem.MalformedData(t.getClass().getSimpleName() + " during " + during);
  }

  static String efName(int fileId) {
    return String.format("%04X", fileId);
  }
}
