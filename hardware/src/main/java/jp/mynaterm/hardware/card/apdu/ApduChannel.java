package jp.mynaterm.hardware.card.apdu;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import jp.mynaterm.hardware.card.pinpad.Part10;
import jp.mynaterm.hardware.card.pinpad.PinPad;
import jp.mynaterm.hardware.card.transport.CardTransport;
import jp.mynaterm.hardware.card.transport.TransportException;
import jp.mynaterm.hardware.card.transport.TransportFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place APDUs are built and leave the process, over a {@link CardTransport}. Every command
 * (GET RESPONSE and repeats included) passes the connection's {@link MyNumberGuard}; each has a time
 * limit; {@code 61 xx} (GET RESPONSE, class 00) and {@code 6C xx} (repeat with Le) are handled here,
 * not by javax.smartcardio ({@code PcscLibrary} turns its own handling off); long files are read in
 * short chunks. Problems come out as {@link
 * CardFailure} (transport failures mapped to {@link CardProblem}s), never as runtime exceptions.
 *
 * <p>Logs show instructions and status words only: a VERIFY's data (the PIN) is never logged.
 */
public final class ApduChannel {
  private static final Logger log = LoggerFactory.getLogger(ApduChannel.class);
  private static final int MAX_GET_RESPONSES = 64;
  private static final int MAX_FILE = 0x7FFF;

  private final CardTransport transport;
  private final Duration timeout;
  private final MyNumberGuard guard = new MyNumberGuard();

  /** @param timeout the limit for each command's answer */
  public ApduChannel(CardTransport transport, Duration timeout) {
    this.transport = transport;
    this.timeout = timeout;
  }

  /**
   * Sends one command and returns the final response (after GET RESPONSE / repeat with Le).
   *
   * @param during what the command is for, shown in problems ("READ BINARY 000A")
   */
  public Response send(byte[] command, String during) throws CardFailure {
    Response r = transmit(command, during);
    if (r.sw1() == 0x6C && (command[1] & 0xFF) != 0x20) {
      // Wrong Le: repeat once with the length the card gave. Never for VERIFY (it would spend a try).
      r = transmit(Apdus.withLe(command, r.sw2()), during);
    }
    if (r.sw1() == 0x61) r = collectResponses(r, during);
    guard.answered(command, r.sw());
    return r;
  }

  /**
   * The rest of an answer the card holds back ({@code 61 xx}): GET RESPONSE, always with class 00
   * (an inter-industry command, whatever the class of the command before it: a card may refuse
   * {@code 80 C0}), and a {@code 6C xx} to a GET RESPONSE repeated with the length the card gave.
   */
  private Response collectResponses(Response first, String during) throws CardFailure {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(first.data());
    Response r = first;
    for (int i = 0; i < MAX_GET_RESPONSES && (r.sw1() == 0x61 || r.sw1() == 0x6C); i++) {
      r = transmit(Apdus.getResponse(r.sw2()), during + " (GET RESPONSE)");
      data.writeBytes(r.data());
    }
    if (r.sw1() == 0x61 || r.sw1() == 0x6C) throw new CardFailure(new CardProblem.MalformedData("endless GET RESPONSE during " + during));
    return new Response(data.toByteArray(), r.sw());
  }

  /**
   * One VERIFY whose PIN the resident types on the reader's own pad ({@link PinPad}): the host sends
   * the command with placeholder digits, which the reader fills in, so the PIN never reaches the host.
   * The template passes the guard like any VERIFY. An entry the resident cancelled or let time out is
   * {@link CardProblem.PinEntryNotMade}: the card saw no VERIFY, no try was spent.
   */
  public Response verifyOnPinPad(PinPad pad, String during) throws CardFailure {
    byte[] template = Apdus.verify(new byte[Part10.PIN_DIGITS]);
    var refused = guard.check(template);
    if (refused.isPresent()) {
      log.warn("refused a command to the card: {}", refused.get());
      throw new CardFailure(new CardProblem.RefusedByGuard(refused.get()));
    }
    byte[] raw;
    try {
      raw = pad.verify(template);
    } catch (TransportException e) {
      throw new CardFailure(problemFor(e.failure(), during));
    }
    if (raw.length < 2) throw new CardFailure(new CardProblem.MalformedData("response too short during " + during));
    Response r = new Response(Arrays.copyOf(raw, raw.length - 2), ((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF));
    if (r.sw() == Part10.SW_PAD_TIMEOUT) throw new CardFailure(new CardProblem.PinEntryNotMade(false));
    if (r.sw() == Part10.SW_PAD_CANCELLED) throw new CardFailure(new CardProblem.PinEntryNotMade(true));
    log.debug("{} -> {}", during, CardProblem.hex(r.sw()));
    return r;
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
    int needed = tlvHeaderLength(head, efName(fileId));
    if (needed > head.length) {
      // A two-byte tag with a two-byte length (FF 20 82 LL LL: basic items over 255 bytes) has a 5-byte header.
      byte[] more = expectOk(Apdus.readBinary(head.length, needed - head.length), during);
      byte[] joined = Arrays.copyOf(head, head.length + more.length);
      System.arraycopy(more, 0, joined, head.length, more.length);
      head = joined;
    }
    int total = tlvTotalLength(head, efName(fileId));
    if (total > MAX_FILE) throw new CardFailure(new CardProblem.MalformedData("EF " + efName(fileId) + " claims " + total + " bytes"));
    return readRest(fileId, head, total, during);
  }

  /** The file's first {@code total} bytes, of which {@code head} were read: the rest in chunks of up to 256. */
  public byte[] readRest(int fileId, byte[] head, int total, String during) throws CardFailure {
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

  /** How many bytes the tag and length of a BER-TLV object take, from at least its first two bytes. */
  static int tlvHeaderLength(byte[] head, String ef) throws CardFailure {
    if (head.length < 2) throw new CardFailure(new CardProblem.MalformedData("EF " + ef + " header too short"));
    int i = (head[0] & 0x1F) == 0x1F ? 2 : 1; // two-byte tag (e.g. FF 20)
    if (i >= head.length) throw new CardFailure(new CardProblem.MalformedData("EF " + ef + " header too short"));
    int first = head[i] & 0xFF;
    if (first < 0x80) return i + 1;
    int n = first & 0x7F;
    if (n == 0 || n > 2) throw new CardFailure(new CardProblem.MalformedData("EF " + ef + " has an unsupported length form"));
    return i + 1 + n;
  }

  /** Size of a BER-TLV object (tag of 1 or 2 bytes, definite length) from its whole header. */
  static int tlvTotalLength(byte[] head, String ef) throws CardFailure {
    int header = tlvHeaderLength(head, ef);
    if (header > head.length) throw new CardFailure(new CardProblem.MalformedData("EF " + ef + " header too short"));
    int lengthAt = (head[0] & 0x1F) == 0x1F ? 2 : 1;
    int first = head[lengthAt] & 0xFF;
    if (first < 0x80) return header + first;
    int len = 0;
    for (int k = lengthAt + 1; k < header; k++) len = (len << 8) | (head[k] & 0xFF);
    return header + len;
  }

  /** The problem a status word stands for, outside VERIFY (which has its own meanings). */
  public static CardProblem problemFor(int sw, String during) {
    return switch (sw) {
      case 0x6982 -> new CardProblem.SecurityStatusNotSatisfied(during);
      case 0x6983, 0x6984 -> new CardProblem.PinBlocked();
      default -> new CardProblem.UnexpectedStatus(sw, during);
    };
  }

  /** Every command leaves here, and only after the guard let it through. */
  private Response transmit(byte[] command, String during) throws CardFailure {
    var refused = guard.check(command);
    if (refused.isPresent()) {
      log.warn("refused a command to the card: {}", refused.get());
      throw new CardFailure(new CardProblem.RefusedByGuard(refused.get()));
    }
    long started = System.nanoTime();
    byte[] raw;
    try {
      raw = transport.transmit(command, timeout);
    } catch (TransportException e) {
      throw new CardFailure(problemFor(e.failure(), during));
    }
    if (raw.length < 2) throw new CardFailure(new CardProblem.MalformedData("response too short during " + during));
    int sw = ((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF);
    if (log.isDebugEnabled()) {
      log.debug("{} -> {} ({} bytes, {} us)", during, CardProblem.hex(sw), raw.length - 2, (System.nanoTime() - started) / 1000);
    }
    return new Response(Arrays.copyOf(raw, raw.length - 2), sw);
  }

  /** What a transport failure means for the card operation. */
  public static CardProblem problemFor(TransportFailure failure, String during) {
    return switch (failure) {
      case TransportFailure.CardRemoved r -> new CardProblem.CardRemoved();
      case TransportFailure.ReaderGone g -> new CardProblem.ReaderUnavailable(g.detail());
      case TransportFailure.Io io -> new CardProblem.ReaderUnavailable(io.detail());
      case TransportFailure.Timeout t -> new CardProblem.Timeout(t.after(), t.earlierCommand() ? "an earlier command" : during);
      case TransportFailure.Interrupted i -> new CardProblem.Timeout(i.after(), (i.earlierCommand() ? "an earlier command" : during) + " (interrupted)");
      case TransportFailure.Protocol p -> new CardProblem.MalformedData(p.detail() + " during " + during);
      case TransportFailure.InUse u -> new CardProblem.CardInUse();
    };
  }

  static String efName(int fileId) {
    return String.format("%04X", fileId);
  }
}
