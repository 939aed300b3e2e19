package jp.mynaterm.agent.library.sip2.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mynaterm.agent.library.sip2.Sip2Codec;
import jp.mynaterm.agent.library.sip2.Sip2Exception;
import jp.mynaterm.agent.library.sip2.Sip2Message;

/**
 * A simulator of the library system, for tests and the demo (the real one is the library's own, out
 * of this project), that follows SIP2 strictly: every request must carry a correct
 * checksum (else it answers 96), a sequence digit it echoes, the right fixed-field length, and its
 * fields in the order the specification lists them; a request before login is refused. It records
 * every request and every violation so tests can assert the client's behaviour on the wire.
 */
public final class StrictSip2Server implements AutoCloseable {
  /** Required field codes per request, in the specification's order. */
  private static final Map<String, List<String>> REQUIRED_ORDER =
      Map.of(
          "93", List.of("CN", "CO", "CP"),
          "23", List.of("AO", "AA", "AC", "AD"),
          "11", List.of("AO", "AA", "AB", "AC"),
          "09", List.of("AP", "AO", "AB", "AC"),
          "63", List.of("AO", "AA", "AC", "AD"));

  public record Received(String command, String fixed, List<String> fieldCodes, Map<String, String> fields, int seq) {}

  public final List<Received> received = new CopyOnWriteArrayList<>();
  public final List<String> violations = new CopyOnWriteArrayList<>();
  public final Map<String, String> titles = new ConcurrentHashMap<>();
  public final Map<String, String> validPatrons = new ConcurrentHashMap<>();
  public final Map<String, String> loans = new ConcurrentHashMap<>();
  public final AtomicInteger corruptNextAnswers = new AtomicInteger();
  public final AtomicInteger treatNextChecksumsAsBad = new AtomicInteger();
  public final AtomicInteger answerWithWrongSequence = new AtomicInteger();
  public final AtomicInteger resendRequests = new AtomicInteger();
  public volatile boolean refuseLogin;
  /** What 98 ACS Status says: on line, and whether transactions done offline (no-block) are accepted. */
  public volatile boolean online = true;
  public volatile boolean offlineOk = true;
  public volatile boolean silent;

  private final ServerSocket server;
  private final Sip2Codec codec;
  private final String user;
  private final String password;

  public StrictSip2Server(Charset charset, String user, String password) throws IOException {
    this(charset, user, password, 0);
  }

  /** @param port the loopback port to listen on, 0 for any free one */
  public StrictSip2Server(Charset charset, String user, String password, int port) throws IOException {
    this.codec = new Sip2Codec(charset);
    this.user = user;
    this.password = password;
    this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("sip2-server").start(this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread.ofVirtual().start(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    boolean loggedIn = false;
    byte[] lastAnswer = null;
    try (s;
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream()) {
      while (true) {
        byte[] line = readLine(in);
        if (line == null) return;
        if (silent) continue;
        Sip2Codec.Decoded d;
        try {
          d = codec.decode(line);
        } catch (Sip2Exception e) {
          violations.add("undecodable: " + e.getMessage());
          out.write(codec.encodeBare("96"));
          continue;
        }
        if (d.message().command().equals("97")) {
          resendRequests.incrementAndGet();
          if (lastAnswer != null) out.write(lastAnswer);
          continue;
        }
        if (!d.checksumOk() || treatNextChecksumsAsBad.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          out.write(codec.encodeBare("96"));
          continue;
        }
        if (d.seq() < 0) {
          violations.add(d.message().command() + " without sequence number");
        }
        Sip2Message m = d.message();
        var codes = m.fields().stream().map(Sip2Message.Field::code).toList();
        var fields = new java.util.LinkedHashMap<String, String>();
        m.fields().forEach(f -> fields.put(f.code(), f.value()));
        received.add(new Received(m.command(), m.fixed(), codes, fields, d.seq()));
        checkOrder(m.command(), codes);
        Sip2Message answer;
        if (m.command().equals("93")) {
          loggedIn = !refuseLogin && user.equals(fields.get("CN")) && password.equals(fields.get("CO"));
          answer = new Sip2Message("94", loggedIn ? "1" : "0", List.of());
        } else if (!loggedIn) {
          violations.add(m.command() + " before login");
          answer = refusal(m.command());
        } else {
          answer = answer(m, fields);
        }
        int seq = d.seq() < 0 ? 0 : d.seq();
        if (answerWithWrongSequence.getAndUpdate(n -> Math.max(0, n - 1)) > 0) seq = (seq + 5) % 10;
        byte[] encoded = codec.encode(answer, seq);
        lastAnswer = encoded;
        if (corruptNextAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          encoded = encoded.clone();
          encoded[encoded.length - 2] = (byte) (encoded[encoded.length - 2] == '0' ? '1' : '0');
        }
        out.write(encoded);
        out.flush();
      }
    } catch (IOException e) {
      // client went away
    }
  }

  private void checkOrder(String command, List<String> codes) {
    List<String> required = REQUIRED_ORDER.get(command);
    if (required == null) return;
    int at = 0;
    for (String r : required) {
      int found = codes.indexOf(r);
      if (found < 0) violations.add(command + " lacks required field " + r);
      else if (found < at) violations.add(command + " has " + r + " out of order");
      else at = found;
    }
  }

  private Sip2Message answer(Sip2Message m, Map<String, String> f) {
    String date = Sip2Codec.date(java.time.Instant.now(), java.time.ZoneId.of("Asia/Tokyo"));
    String patron = f.getOrDefault("AA", "");
    boolean valid = validPatrons.containsKey(patron);
    return switch (m.command()) {
      case "99" -> new Sip2Message("98", (online ? "Y" : "N") + "YYYN" + (offlineOk ? "Y" : "N") + "010" + "003" + date + "2.00",
          List.of(field("AO", "mino"), field("AM", "美濃市立図書館"), field("BX", "YYYYYYYYYYYYYYYY")));
      case "23" -> new Sip2Message("24", (valid ? " " : "Y").repeat(14) + "000" + date, List.of(field("AO", f.get("AO")), field("AA", patron), field("BL", valid ? "Y" : "N")));
      case "63" -> new Sip2Message("64", " ".repeat(14) + "000" + date + "0000" + "0000" + String.format("%04d", loans.values().stream().filter(patron::equals).count()) + "0000" + "0000" + "0000",
          List.of(field("AO", f.get("AO")), field("AA", patron), field("BL", valid ? "Y" : "N")));
      case "11" -> {
        if (m.fixed().length() != 38) violations.add("11 fixed part has length " + m.fixed().length());
        boolean noBlock = m.flag(1) == 'Y';
        String item = f.getOrDefault("AB", "");
        boolean ok = (valid || noBlock) && titles.containsKey(item) && (!loans.containsKey(item) || noBlock);
        if (ok) loans.put(item, patron);
        yield new Sip2Message("12", (ok ? "1" : "0") + "NUN" + date,
            List.of(field("AO", f.get("AO")), field("AA", patron), field("AB", item), field("AJ", titles.getOrDefault(item, "")), field("AH", ok ? "20261208    235959" : "")));
      }
      case "09" -> {
        String item = f.getOrDefault("AB", "");
        boolean ok = loans.remove(item) != null;
        yield new Sip2Message("10", (ok ? "1" : "0") + "YNN" + date,
            List.of(field("AO", f.get("AO")), field("AB", item), field("AQ", "main"), field("AJ", titles.getOrDefault(item, ""))));
      }
      default -> refusal(m.command());
    };
  }

  private static Sip2Message refusal(String command) {
    return switch (command) {
      case "11" -> new Sip2Message("12", "0NUN" + " ".repeat(18), List.of(field("AF", "login first")));
      case "09" -> new Sip2Message("10", "0NNN" + " ".repeat(18), List.of(field("AF", "login first")));
      default -> new Sip2Message("24", "Y".repeat(14) + "000" + " ".repeat(18), List.of(field("BL", "N")));
    };
  }

  private static Sip2Message.Field field(String code, String value) {
    return new Sip2Message.Field(code, value == null ? "" : value);
  }

  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\r') return buf.toByteArray();
      buf.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
