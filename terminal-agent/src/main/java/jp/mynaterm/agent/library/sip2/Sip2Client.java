package jp.mynaterm.agent.library.sip2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIP2 self-check client for one connection. Each request gets the next sequence digit (0-9,
 * wrapping); the answer must carry the same digit. A checksum error from the library system (96)
 * resends the request; a bad checksum in its answer asks it to resend (97); both at most
 * {@link #RESENDS} times. Never logs patron ids or passwords.
 */
public final class Sip2Client implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sip2Client.class);
  static final int RESENDS = 3;
  private static final int MAX_LINE = 64 * 1024;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Sip2Codec codec;
  private final Clock clock;
  private final ZoneId zone;
  private final String institution;
  private int nextSeq;

  private Sip2Client(Socket socket, Sip2Codec codec, Clock clock, ZoneId zone, String institution) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.codec = codec;
    this.clock = clock;
    this.zone = zone;
    this.institution = institution;
  }

  /** Where and how to connect. */
  public record Endpoint(String host, int port, boolean tls, java.nio.charset.Charset charset, String institution, Duration timeout) {}

  public static Sip2Client connect(Endpoint e, Clock clock, ZoneId zone) throws Sip2Exception {
    Socket s = null;
    try {
      s = e.tls() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
      s.connect(new InetSocketAddress(e.host(), e.port()), (int) e.timeout().toMillis());
      s.setSoTimeout((int) e.timeout().toMillis());
      s.setTcpNoDelay(true);
      return new Sip2Client(s, new Sip2Codec(e.charset()), clock, zone, e.institution());
    } catch (SocketTimeoutException ex) {
      closeQuietly(s);
      throw new Sip2Exception(Sip2Exception.Kind.TIMEOUT, "library system did not answer the connection in time");
    } catch (IOException ex) {
      closeQuietly(s);
      throw new Sip2Exception(Sip2Exception.Kind.UNREACHABLE, "library system unreachable: " + ex.getMessage(), ex);
    }
  }

  /** Login (93/94). */
  public void login(String user, String password, String location) throws Sip2Exception {
    Sip2Message answer =
        exchange(
            new Sip2Message("93", "00", List.of(new Sip2Message.Field("CN", user), new Sip2Message.Field("CO", password), new Sip2Message.Field("CP", location))),
            "94");
    if (answer.flag(0) != '1') throw new Sip2Exception(Sip2Exception.Kind.LOGIN_REFUSED, "library system refused the login");
  }

  /**
   * The library system's status (98 ACS Status, answering 99 SC Status): whether it is online, takes
   * checkouts and checkins now, and accepts transactions done offline (sent with the no-block flag).
   */
  public record AcsStatus(boolean online, boolean checkinOk, boolean checkoutOk, boolean renewalPolicy, boolean offlineOk, String protocolVersion, String screenMessage) {}

  /** SC Status (99/98): sent after login and before each batch of queued transactions. */
  public AcsStatus scStatus() throws Sip2Exception {
    // status code 0 (SC ok), max print width 080, protocol version 2.00
    Sip2Message a = exchange(new Sip2Message("99", "0" + "080" + "2.00", List.of()), "98");
    String f = a.fixed();
    return new AcsStatus(f.charAt(0) == 'Y', f.charAt(1) == 'Y', f.charAt(2) == 'Y', f.charAt(3) == 'Y', f.charAt(5) == 'Y',
        f.substring(f.length() - 4), a.field("AF").orElse(""));
  }

  /** What the library system says about a patron (23/24). */
  public record PatronStatus(boolean valid, String statusFlags, String screenMessage) {
    /** Charge privileges denied (position 0 of the patron status flags). */
    public boolean chargeDenied() {
      return statusFlags.length() > 0 && statusFlags.charAt(0) == 'Y';
    }
  }

  public PatronStatus patronStatus(String patron) throws Sip2Exception {
    Sip2Message a =
        exchange(
            new Sip2Message("23", "000" + now(), List.of(f("AO", institution), f("AA", patron), f("AC", ""), f("AD", ""))),
            "24");
    return new PatronStatus("Y".equals(a.field("BL").orElse("N")), a.fixed().substring(0, 14), a.field("AF").orElse(""));
  }

  /** The outcome of a checkout (11/12): ok, the title, the due date as the library system wrote it. */
  public record CheckoutResult(boolean ok, String title, String dueDate, String screenMessage) {}

  /**
   * @param noBlock true for a checkout done offline earlier: the library system must accept it
   * @param transactionDate when the checkout really happened (SIP2 date)
   */
  public CheckoutResult checkout(String patron, String item, boolean noBlock, String transactionDate) throws Sip2Exception {
    String fixed = "N" + (noBlock ? 'Y' : 'N') + transactionDate + " ".repeat(18);
    Sip2Message a =
        exchange(new Sip2Message("11", fixed, List.of(f("AO", institution), f("AA", patron), f("AB", item), f("AC", ""))), "12");
    return new CheckoutResult(a.flag(0) == '1', a.field("AJ").orElse(""), a.field("AH").orElse(""), a.field("AF").orElse(""));
  }

  /** The outcome of a checkin (09/10). */
  public record CheckinResult(boolean ok, String title, String permanentLocation, String screenMessage) {}

  public CheckinResult checkin(String item, boolean noBlock, String transactionDate, String location) throws Sip2Exception {
    String fixed = (noBlock ? "Y" : "N") + transactionDate + transactionDate;
    Sip2Message a =
        exchange(new Sip2Message("09", fixed, List.of(f("AP", location), f("AO", institution), f("AB", item), f("AC", ""))), "10");
    return new CheckinResult(a.flag(0) == '1', a.field("AJ").orElse(""), a.field("AQ").orElse(""), a.field("AF").orElse(""));
  }

  /**
   * Patron Information (63/64): whether the library system knows the patron ({@code BL}), whether the
   * password was right where the library uses patron passwords ({@code CQ}, empty when it sent none),
   * the counts, and the item barcodes {@code details} asked for. No name is kept.
   */
  public record PatronInformation(boolean valid, Optional<Boolean> passwordValid, int holds, int overdue, int charged, int fines, List<String> items, String screenMessage) {
    /** A patron the library system knows, with the right password where it asks for one. */
    public boolean accepted() {
      return valid && passwordValid.orElse(true);
    }
  }

  /** Which item details 63 asks for: the spec allows one kind per request (a 'Y' at its summary position). */
  public enum Details {
    NONE(-1, ""),
    HOLDS(0, "AS"),
    CHARGED(2, "AU");

    private final int position;
    private final String field;

    Details(int position, String field) {
      this.position = position;
      this.field = field;
    }
  }

  public PatronInformation patronInformation(String patron) throws Sip2Exception {
    return patronInformation(patron, "", Details.NONE);
  }

  /** Patron Information without the patron's password (AD empty): where the library uses none, or for the patron's items. */
  public PatronInformation patronInformation(String patron, String password, Details details) throws Sip2Exception {
    return patronInformation(patron, password.toCharArray(), details);
  }

  /**
   * @param password the patron's library password, as typed on the resident page: it goes into the
   *     line's bytes without becoming a String, and the line is wiped once answered; the caller wipes
   *     the characters
   */
  public PatronInformation patronInformation(String patron, char[] password, Details details) throws Sip2Exception {
    char[] summary = " ".repeat(10).toCharArray();
    if (details.position >= 0) summary[details.position] = 'Y';
    Sip2Message a =
        exchange(
            new Sip2Message("63", "000" + now() + new String(summary), List.of(f("AO", institution), f("AA", patron), f("AC", ""))),
            "64", "AD", password);
    String counts = a.fixed().substring(35);
    if (!counts.matches("[0-9 ]{24}")) throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "patron information counts are not numbers");
    return new PatronInformation(
        "Y".equals(a.field("BL").orElse("N")),
        a.field("CQ").map("Y"::equals),
        count(counts, 0),
        count(counts, 1),
        count(counts, 2),
        count(counts, 3),
        details == Details.NONE ? List.of() : a.fields(details.field),
        a.field("AF").orElse(""));
  }

  /** The outcome of a renewal (29/30): ok, the title, the new due date as the library system wrote it. */
  public record RenewResult(boolean ok, String title, String dueDate, String screenMessage) {}

  /** Renew (29/30) one item for the patron, at the counter (third party not allowed, no block off). */
  public RenewResult renew(String patron, String item) throws Sip2Exception {
    Sip2Message a =
        exchange(new Sip2Message("29", "NN" + now() + " ".repeat(18), List.of(f("AO", institution), f("AA", patron), f("AB", item), f("AC", ""))), "30");
    return new RenewResult(a.flag(0) == '1', a.field("AJ").orElse(""), a.field("AH").orElse(""), a.field("AF").orElse(""));
  }

  /** The current time as a SIP2 transaction date. */
  public String now() {
    return Sip2Codec.date(clock.instant(), zone);
  }

  /**
   * Sends a request and returns the answer, handling 96 (resend ours), bad checksums on the answer
   * (ask for resend with 97) and sequence numbers.
   */
  private Sip2Message exchange(Sip2Message request, String expected) throws Sip2Exception {
    return exchange(request, expected, null, null);
  }

  /** {@link #exchange(Sip2Message, String)} with a secret field last (its line wiped once answered). */
  private Sip2Message exchange(Sip2Message request, String expected, String secretCode, char[] secret) throws Sip2Exception {
    int seq = nextSeq;
    nextSeq = (nextSeq + 1) % 10;
    byte[] line = codec.encode(request, seq, secretCode, secret);
    try {
      return exchange(line, seq, expected);
    } finally {
      java.util.Arrays.fill(line, (byte) 0);
    }
  }

  private Sip2Message exchange(byte[] line, int seq, String expected) throws Sip2Exception {
    write(line);
    for (int resends = 0; ; ) {
      Sip2Codec.Decoded d = codec.decode(readLine());
      if (d.message().command().equals("96")) {
        if (++resends > RESENDS) throw new Sip2Exception(Sip2Exception.Kind.CHECKSUM, "library system kept asking for resends");
        log.warn("library system reported a checksum error; resending ({} of {})", resends, RESENDS);
        write(line);
        continue;
      }
      if (!d.checksumOk()) {
        if (++resends > RESENDS) throw new Sip2Exception(Sip2Exception.Kind.CHECKSUM, "answers kept arriving with bad checksums");
        log.warn("answer {} had a bad checksum; asking for a resend ({} of {})", d.message().command(), resends, RESENDS);
        write(codec.encodeResend("97"));
        continue;
      }
      if (!d.message().command().equals(expected)) {
        throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "expected message " + expected + ", got " + d.message().command());
      }
      if (d.seq() != -1 && d.seq() != seq) {
        throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "answer has sequence " + d.seq() + ", request had " + seq);
      }
      return d.message();
    }
  }

  private void write(byte[] line) throws Sip2Exception {
    try {
      out.write(line);
      out.flush();
    } catch (IOException e) {
      throw new Sip2Exception(Sip2Exception.Kind.UNREACHABLE, "connection to the library system broke", e);
    }
  }

  private byte[] readLine() throws Sip2Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    try {
      while (true) {
        int b = in.read();
        if (b < 0) throw new Sip2Exception(Sip2Exception.Kind.UNREACHABLE, "library system closed the connection");
        if (b == '\r') return buf.toByteArray();
        if (b == '\n' && buf.size() == 0) continue; // some systems send CR LF
        buf.write(b);
        if (buf.size() > MAX_LINE) throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "answer longer than " + MAX_LINE + " bytes");
      }
    } catch (SocketTimeoutException e) {
      throw new Sip2Exception(Sip2Exception.Kind.TIMEOUT, "library system did not answer in time");
    } catch (Sip2Exception e) {
      throw e;
    } catch (IOException e) {
      throw new Sip2Exception(Sip2Exception.Kind.UNREACHABLE, "connection to the library system broke", e);
    }
  }

  private static int count(String counts, int index) {
    String c = counts.substring(index * 4, index * 4 + 4).trim();
    return c.isEmpty() ? 0 : Integer.parseInt(c);
  }

  private static Sip2Message.Field f(String code, String value) {
    return new Sip2Message.Field(code, value);
  }

  private static void closeQuietly(Socket s) {
    try {
      if (s != null) s.close();
    } catch (IOException ignored) {
      // nothing to do: the socket was never usable
    }
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }
}
