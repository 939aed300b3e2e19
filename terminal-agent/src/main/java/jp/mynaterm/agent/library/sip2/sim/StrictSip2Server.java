package jp.mynaterm.agent.library.sip2.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated library system (ACS), for tests and the demo (the real one is the library's own, out of
 * this project). It is written from the 3M SIP2 2.00 specification alone and shares nothing with the
 * client in {@code jp.mynaterm.agent.library.sip2}: its own line reading, trailer and checksum, field
 * parsing and message building, so the client is tested against the specification and not against
 * itself. It is strict: every request must carry a correct checksum (else it answers 96), a sequence
 * digit it echoes, the fixed part's length the specification gives, the required fields, and its
 * fields in the specification's order; a request before login is refused. It records every request and
 * every violation so tests can assert the client's behaviour on the wire.
 */
public final class StrictSip2Server implements AutoCloseable {
  /** The fixed part's length of each request, from the specification's message layouts. */
  private static final Map<String, Integer> REQUEST_FIXED =
      Map.of(
          "93", 2, // UID algorithm, PWD algorithm
          "99", 8, // status code, max print width (3), protocol version (4)
          "23", 21, // language (3), transaction date (18)
          "63", 31, // language (3), transaction date (18), summary (10)
          "11", 38, // SC renewal policy, no block, transaction date (18), nb due date (18)
          "09", 37, // no block, transaction date (18), return date (18)
          "29", 38); // third party allowed, no block, transaction date (18), nb due date (18)

  /** Every field a request may carry, in the specification's order; the required ones are {@link #REQUIRED}. */
  private static final Map<String, List<String>> ORDER =
      Map.of(
          "93", List.of("CN", "CO", "CP"),
          "99", List.of(),
          "23", List.of("AO", "AA", "AC", "AD"),
          "63", List.of("AO", "AA", "AC", "AD", "BP", "BQ"),
          "11", List.of("AO", "AA", "AB", "AC", "CH", "AD", "BO", "BI"),
          "09", List.of("AP", "AO", "AB", "AC", "CH", "BI"),
          "29", List.of("AO", "AA", "AD", "AB", "AJ", "AC", "CH", "BO"));

  private static final Map<String, Set<String>> REQUIRED =
      Map.of(
          "93", Set.of("CN", "CO"),
          "99", Set.of(),
          "23", Set.of("AO", "AA", "AC", "AD"),
          "63", Set.of("AO", "AA"),
          "11", Set.of("AO", "AA", "AB", "AC"),
          "09", Set.of("AP", "AO", "AB", "AC"),
          "29", Set.of("AO", "AA"));

  private static final String DUE = "20261208    235959";
  private static final String RENEWED_DUE = "20261222    235959";

  /** One request as it arrived: the command, its fixed part, its field codes in order and values, its sequence digit. */
  public record Received(String command, String fixed, List<String> fieldCodes, Map<String, String> fields, int seq) {}

  public final List<Received> received = new CopyOnWriteArrayList<>();
  public final List<String> violations = new CopyOnWriteArrayList<>();
  /** Item barcode to title. */
  public final Map<String, String> titles = new ConcurrentHashMap<>();
  /** Patron number to the patron's library password ("" where the patron has none). */
  public final Map<String, String> validPatrons = new ConcurrentHashMap<>();
  /** Item barcode to the patron who has it. */
  public final Map<String, String> loans = new ConcurrentHashMap<>();
  /** Patron number to the items the patron has on hold (an item on hold cannot be renewed by another). */
  public final Map<String, List<String>> holds = new ConcurrentHashMap<>();
  public final AtomicInteger corruptNextAnswers = new AtomicInteger();
  public final AtomicInteger treatNextChecksumsAsBad = new AtomicInteger();
  public final AtomicInteger answerWithWrongSequence = new AtomicInteger();
  public final AtomicInteger resendRequests = new AtomicInteger();
  public volatile boolean refuseLogin;
  /** What 98 ACS Status says: on line, and whether transactions done offline (no-block) are accepted. */
  public volatile boolean online = true;
  public volatile boolean offlineOk = true;
  /** Whether patrons have library passwords: answers then carry CQ (valid patron password). */
  public volatile boolean patronPasswords;
  /** Whether its 96 carries {@code AY<seq>AZ<checksum>}, as some systems send (the spec allows a checksum). */
  public volatile boolean resendRequestWithTrailer;
  public volatile boolean silent;

  private final ServerSocket server;
  private final Charset charset;
  private final String user;
  private final String password;

  public StrictSip2Server(Charset charset, String user, String password) throws IOException {
    this(charset, user, password, 0);
  }

  /** @param port the loopback port to listen on, 0 for any free one */
  public StrictSip2Server(Charset charset, String user, String password, int port) throws IOException {
    this.charset = charset;
    this.user = user;
    this.password = password;
    this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("sip2-server").start(this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  /**
   * The specification's checksum: the 16-bit binary sum of every byte of the message up to and
   * including the {@code AZ} of the checksum field, negated (two's complement), as four hex digits.
   */
  public static String checksum(byte[] head) {
    int sum = 0;
    for (byte b : head) sum = (sum + (b & 0xFF)) & 0xFFFF;
    return String.format("%04X", (0x10000 - sum) & 0xFFFF);
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

  /** A request taken apart: the trailer's sequence digit (-1 none) and whether its checksum held. */
  private record Line(String command, String fixed, List<String[]> fields, int seq, boolean checksumOk) {}

  private void serve(Socket s) {
    boolean loggedIn = false;
    byte[] lastAnswer = null;
    try (s;
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream()) {
      while (true) {
        byte[] bytes = readLine(in);
        if (bytes == null) return;
        if (silent) continue;
        if (bytes.length >= 2 && bytes[0] == '9' && bytes[1] == '7') {
          // 97 Request ACS Resend: the last answer again, unchanged.
          resendRequests.incrementAndGet();
          if (!resendOk(bytes)) violations.add("97 with a bad trailer: " + new String(bytes, StandardCharsets.US_ASCII));
          if (lastAnswer != null) write(out, lastAnswer);
          continue;
        }
        Line line = parse(bytes);
        if (line == null || !line.checksumOk() || treatNextChecksumsAsBad.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          write(out, resendRequest(line == null ? 0 : Math.max(0, line.seq())));
          continue;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> codes = new ArrayList<>();
        for (String[] f : line.fields()) {
          codes.add(f[0]);
          fields.putIfAbsent(f[0], f[1]);
        }
        received.add(new Received(line.command(), line.fixed(), List.copyOf(codes), Map.copyOf(fields), line.seq()));
        check(line, codes);
        String answer;
        if (line.command().equals("93")) {
          loggedIn = !refuseLogin && user.equals(fields.get("CN")) && password.equals(fields.get("CO"));
          answer = "94" + (loggedIn ? "1" : "0");
        } else if (!loggedIn) {
          violations.add(line.command() + " before login");
          answer = refusal(line.command(), "login first");
        } else {
          answer = answer(line, fields);
        }
        int seq = Math.max(0, line.seq());
        if (answerWithWrongSequence.getAndUpdate(n -> Math.max(0, n - 1)) > 0) seq = (seq + 5) % 10;
        byte[] encoded = withTrailer(answer, seq);
        lastAnswer = encoded;
        if (corruptNextAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          encoded = encoded.clone();
          encoded[encoded.length - 2] = (byte) (encoded[encoded.length - 2] == '0' ? '1' : '0');
        }
        write(out, encoded);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private byte[] resendRequest(int seq) {
    return resendRequestWithTrailer ? withTrailer("96", seq) : "96\r".getBytes(StandardCharsets.US_ASCII);
  }

  /** A 97 is bare, or {@code 97AZ} and its checksum (the spec: never a sequence number, but a checksum). */
  private static boolean resendOk(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.US_ASCII);
    if (s.equals("97")) return true;
    return s.length() == 8 && s.startsWith("97AZ") && s.substring(4).equals(checksum("97AZ".getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * Takes a request apart: the trailer {@code AY<digit>AZ<4 hex>} is found in the bytes (ASCII, so
   * before decoding), the checksum summed over the bytes, then the rest decoded in the agreed charset
   * and cut at each '|' of the decoded text (in Shift_JIS a second byte may be 0x7C, '|' in ASCII).
   */
  private Line parse(byte[] bytes) {
    int n = bytes.length;
    if (n < 11) {
      violations.add("a request too short for a trailer: " + n + " bytes");
      return null;
    }
    String trailer = new String(bytes, n - 9, 9, StandardCharsets.US_ASCII);
    if (!trailer.matches("AY[0-9]AZ[0-9A-Fa-f]{4}")) {
      violations.add("a request without AY<seq>AZ<checksum>");
      return null;
    }
    byte[] head = java.util.Arrays.copyOf(bytes, n - 4);
    boolean checksumOk = trailer.substring(5).equalsIgnoreCase(checksum(head));
    String text;
    try {
      text = charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, n - 9))
          .toString();
    } catch (CharacterCodingException e) {
      if (checksumOk) violations.add("a request not in " + charset.name());
      return null;
    }
    String command = text.substring(0, 2);
    Integer fixedLength = REQUEST_FIXED.get(command);
    if (fixedLength == null) {
      violations.add("unknown request " + command);
      return null;
    }
    String rest = text.substring(2);
    if (rest.length() < fixedLength) {
      violations.add(command + " fixed part has length " + rest.length());
      return null;
    }
    List<String[]> fields = new ArrayList<>();
    String variable = rest.substring(fixedLength);
    for (int i = 0; i < variable.length(); ) {
      int bar = variable.indexOf('|', i);
      if (bar < 0 || bar - i < 2) {
        violations.add(command + " has a field without its code or its '|'");
        break;
      }
      fields.add(new String[] {variable.substring(i, i + 2), variable.substring(i + 2, bar)});
      i = bar + 1;
    }
    return new Line(command, rest.substring(0, fixedLength), fields, trailer.charAt(2) - '0', checksumOk);
  }

  private void check(Line line, List<String> codes) {
    List<String> order = ORDER.get(line.command());
    int last = -1;
    for (String code : codes) {
      int at = order.indexOf(code);
      if (at < 0) violations.add(line.command() + " has field " + code + ", which it does not take");
      else if (at < last) violations.add(line.command() + " has " + code + " out of order");
      else last = at;
    }
    for (String r : REQUIRED.get(line.command())) {
      if (!codes.contains(r)) violations.add(line.command() + " lacks required field " + r);
    }
    String fixed = line.fixed();
    String date = switch (line.command()) {
      case "23", "63" -> fixed.substring(3, 21);
      case "11", "29" -> fixed.substring(2, 20);
      case "09" -> fixed.substring(1, 19);
      default -> null;
    };
    if (date != null && !date.matches("\\d{8}[ A-Z0-9]{4}\\d{6}")) violations.add(line.command() + " has a bad transaction date: " + date);
    if (line.command().equals("63") && fixed.substring(21).chars().filter(c -> c == 'Y').count() > 1) {
      violations.add("63 asks for more than one kind of item detail");
    }
  }

  private String answer(Line m, Map<String, String> f) {
    String date = now();
    String institution = f.getOrDefault("AO", "");
    String patron = f.getOrDefault("AA", "");
    boolean valid = validPatrons.containsKey(patron);
    String item = f.getOrDefault("AB", "");
    return switch (m.command()) {
      case "99" -> "98" + (online ? "Y" : "N") + "YYYN" + (offlineOk ? "Y" : "N") + "010" + "003" + date + "2.00"
          + "AOmino|AM美濃市立図書館|BXYYYYYYYYYYYYYYYY|";
      case "23" -> "24" + (valid ? " " : "Y").repeat(14) + "000" + date
          + "AO" + institution + "|AA" + patron + "|AE" + (valid ? "利用者" : "") + "|BL" + yn(valid) + "|" + passwordField(patron, f) + (valid ? "" : "AF利用者番号が見つかりません|");
      case "63" -> patronInformation(m.fixed(), institution, patron, valid, f, date);
      case "11" -> {
        boolean noBlock = m.fixed().charAt(1) == 'Y';
        String why = !titles.containsKey(item) ? "資料が見つかりません"
            : !valid && !noBlock ? "利用者番号が見つかりません"
            : loans.containsKey(item) && !noBlock ? "貸出中の資料です"
            : null;
        if (why == null) loans.put(item, patron);
        yield "12" + (why == null ? "1" : "0") + "NUN" + date + "AO" + institution + "|AA" + patron + "|AB" + item
            + "|AJ" + titles.getOrDefault(item, "") + "|AH" + (why == null ? DUE : "") + "|" + (why == null ? "" : "AF" + why + "|");
      }
      case "09" -> {
        boolean ok = loans.remove(item) != null;
        yield "10" + (ok ? "1" : "0") + "YNN" + date + "AO" + institution + "|AB" + item + "|AQmain|AJ" + titles.getOrDefault(item, "") + "|"
            + (ok ? "" : "AF貸出記録がありません|");
      }
      case "29" -> {
        boolean held = holds.entrySet().stream().anyMatch(h -> !h.getKey().equals(patron) && h.getValue().contains(item));
        String why = !patron.equals(loans.get(item)) ? "この利用者への貸出がありません" : held ? "他の利用者の予約があります" : null;
        yield "30" + (why == null ? "1Y" : "0N") + "UN" + date + "AO" + institution + "|AA" + patron + "|AB" + item
            + "|AJ" + titles.getOrDefault(item, "") + "|AH" + (why == null ? RENEWED_DUE : "") + "|" + (why == null ? "" : "AF" + why + "|");
      }
      default -> refusal(m.command(), "not supported");
    };
  }

  /** 64: counts, then the item details the summary asked for (AS holds, AU charged items). */
  private String patronInformation(String fixed, String institution, String patron, boolean valid, Map<String, String> f, String date) {
    List<String> charged = loans.entrySet().stream().filter(e -> e.getValue().equals(patron)).map(Map.Entry::getKey).sorted().toList();
    List<String> held = valid ? holds.getOrDefault(patron, List.of()) : List.of();
    StringBuilder a = new StringBuilder("64").append((valid ? " " : "Y").repeat(14)).append("000").append(date)
        .append(count(held.size())).append(count(0)).append(count(charged.size())).append(count(0)).append(count(0)).append(count(0))
        .append("AO").append(institution).append("|AA").append(patron).append("|AE").append(valid ? "利用者" : "").append("|BL").append(yn(valid)).append('|')
        .append(passwordField(patron, f));
    String summary = fixed.substring(21);
    if (valid && summary.charAt(0) == 'Y') held.forEach(i -> a.append("AS").append(i).append('|'));
    if (valid && summary.charAt(2) == 'Y') charged.forEach(i -> a.append("AU").append(i).append('|'));
    if (!valid) a.append("AF利用者番号が見つかりません|");
    return a.toString();
  }

  /** CQ, where the library uses patron passwords: whether AD was the patron's. */
  private String passwordField(String patron, Map<String, String> f) {
    if (!patronPasswords) return "";
    String expected = validPatrons.get(patron);
    return "CQ" + yn(expected != null && expected.equals(f.getOrDefault("AD", ""))) + "|";
  }

  private static String count(int n) {
    return String.format("%04d", n);
  }

  private static String yn(boolean b) {
    return b ? "Y" : "N";
  }

  private static String now() {
    return LocalDateTime.now(ZoneId.of("Asia/Tokyo")).format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'    'HHmmss"));
  }

  private static String refusal(String command, String why) {
    String blank = " ".repeat(18);
    return switch (command) {
      case "11" -> "120NUN" + blank + "AF" + why + "|";
      case "09" -> "100NNN" + blank + "AF" + why + "|";
      case "29" -> "300NUN" + blank + "AF" + why + "|";
      case "63" -> "64" + "Y".repeat(14) + "000" + blank + "0".repeat(24) + "BLN|AF" + why + "|";
      case "99" -> "98NNNNNN000000" + blank + "2.00AF" + why + "|";
      default -> "24" + "Y".repeat(14) + "000" + blank + "BLN|AF" + why + "|";
    };
  }

  /** The message in the agreed charset, then {@code AY<seq>AZ}, the checksum of all those bytes, and CR. */
  private byte[] withTrailer(String message, int seq) {
    byte[] head = (message + "AY" + seq + "AZ").getBytes(charset);
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + 5);
    out.writeBytes(head);
    out.writeBytes((checksum(head) + "\r").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static void write(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\r') return buf.toByteArray();
      if (b == '\n' && buf.size() == 0) continue;
      buf.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
