package jp.mynaterm.agent.library.sip2;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Encodes and decodes SIP2 lines in the agreed charset, with error detection: {@code AY} and a
 * sequence digit, then {@code AZ} and the checksum, the two's complement of the 16-bit sum of every
 * byte up to and including {@code AZ}, as four upper-case hex digits.
 */
public final class Sip2Codec {
  /** Length of the fixed part of each message this client sends or reads. */
  static final Map<String, Integer> FIXED_LENGTH =
      Map.ofEntries(
          Map.entry("93", 2), // UID algorithm, PWD algorithm
          Map.entry("94", 1), // ok
          Map.entry("23", 3 + 18), // language, transaction date
          Map.entry("24", 14 + 3 + 18), // patron status, language, transaction date
          Map.entry("11", 1 + 1 + 18 + 18), // SC renewal policy, no block, transaction date, nb due date
          Map.entry("12", 1 + 1 + 1 + 1 + 18), // ok, renewal ok, magnetic media, desensitize, date
          Map.entry("09", 1 + 18 + 18), // no block, transaction date, return date
          Map.entry("10", 1 + 1 + 1 + 1 + 18), // ok, resensitize, magnetic media, alert, date
          Map.entry("29", 1 + 1 + 18 + 18), // third party allowed, no block, transaction date, nb due date
          Map.entry("30", 1 + 1 + 1 + 1 + 18), // ok, renewal ok, magnetic media, desensitize, date
          Map.entry("63", 3 + 18 + 10), // language, transaction date, summary
          Map.entry("64", 14 + 3 + 18 + 6 * 4), // status, language, date, six counts
          Map.entry("96", 0), // request SC resend
          Map.entry("97", 0), // request ACS resend
          Map.entry("99", 1 + 3 + 4), // status code, max print width, protocol version
          Map.entry("98", 1 + 1 + 1 + 1 + 1 + 1 + 3 + 3 + 18 + 4));

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd'    'HHmmss", Locale.ROOT);

  private final Charset charset;

  public Sip2Codec(Charset charset) {
    this.charset = charset;
  }

  public Charset charset() {
    return charset;
  }

  /** A SIP2 date {@code YYYYMMDDZZZZHHMMSS} in local time of the given zone (ZZZZ blank = local). */
  public static String date(Instant t, ZoneId zone) {
    return DATE.format(ZonedDateTime.ofInstant(t, zone));
  }

  /** The line to send: message, {@code AY<seq>AZ<checksum>}, CR. */
  public byte[] encode(Sip2Message m, int seq) {
    return encode(m, seq, null, null);
  }

  /**
   * The line to send with one more field after the message's own, whose value is a secret (the
   * patron's library password, AD) given as characters and encoded straight into the line's bytes,
   * never a String; the caller wipes the line and the characters.
   */
  public byte[] encode(Sip2Message m, int seq, String secretCode, char[] secret) {
    if (seq < 0 || seq > 9) throw new IllegalArgumentException("sequence must be 0-9");
    StringBuilder sb = new StringBuilder(m.command()).append(m.fixed());
    for (Sip2Message.Field f : m.fields()) sb.append(f.code()).append(f.value()).append('|');
    byte[] head = sb.toString().getBytes(charset);
    byte[] hidden = secret == null ? new byte[0] : secretBytes(secretCode, secret);
    byte[] tail = ((secret == null ? "" : "|") + "AY" + seq + "AZ").getBytes(charset);
    byte[] secretHead = secret == null ? new byte[0] : secretCode.getBytes(StandardCharsets.US_ASCII);
    byte[] line = new byte[head.length + secretHead.length + hidden.length + tail.length + 5];
    int at = 0;
    for (byte[] part : new byte[][] {head, secretHead, hidden, tail}) {
      System.arraycopy(part, 0, line, at, part.length);
      at += part.length;
    }
    java.util.Arrays.fill(hidden, (byte) 0);
    System.arraycopy(checksum(line, at).getBytes(StandardCharsets.US_ASCII), 0, line, at, 4);
    line[at + 4] = '\r';
    return line;
  }

  private byte[] secretBytes(String code, char[] secret) {
    if (code == null || !code.matches("[A-Z]{2}")) throw new IllegalArgumentException("field code must be two capital letters");
    for (char c : secret) {
      if (c == '|' || c == '\r' || c == '\n') throw new IllegalArgumentException("field " + code + " must not contain '|' or line breaks");
    }
    ByteBuffer encoded;
    try {
      encoded = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(java.nio.CharBuffer.wrap(secret));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("field " + code + " is not " + charset.name() + " text");
    }
    byte[] out = new byte[encoded.remaining()];
    encoded.get(out);
    if (encoded.hasArray()) java.util.Arrays.fill(encoded.array(), (byte) 0);
    return out;
  }

  /** A bare message with no error-detection trailer (96 or 97 where error detection is off). */
  public byte[] encodeBare(String command) {
    return (command + "\r").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A resend request (96 or 97) with error detection on: the spec gives it a checksum but never a
   * sequence number ("This message should never include a sequence number field, even when error
   * detection is enabled, but would include a checksum field"): {@code 97AZFEF5}.
   */
  public byte[] encodeResend(String command) {
    byte[] head = (command + "AZ").getBytes(StandardCharsets.US_ASCII);
    return (command + "AZ" + checksum(head, head.length) + "\r").getBytes(StandardCharsets.US_ASCII);
  }

  /** Checksum of the first {@code length} bytes. */
  public static String checksum(byte[] bytes, int length) {
    int sum = 0;
    for (int i = 0; i < length; i++) sum += bytes[i] & 0xFF;
    return String.format(Locale.ROOT, "%04X", (-sum) & 0xFFFF);
  }

  /** A decoded line: the message, its sequence digit (-1 if none), and whether its checksum held. */
  public record Decoded(Sip2Message message, int seq, boolean checksumOk) {}

  /**
   * Decodes one line (without its CR). Lines without an {@code AZ} trailer (96, 97) decode with
   * seq -1 and checksumOk true.
   *
   * @throws Sip2Exception PROTOCOL when the line is not SIP2 in this charset
   */
  public Decoded decode(byte[] line) throws Sip2Exception {
    int len = line.length;
    if (len > 0 && line[len - 1] == '\r') len--;
    if (len < 2) throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "message too short");
    int seq = -1;
    boolean checksumOk = true;
    int bodyEnd = len;
    // "...AY<d>AZ<4 hex>" at the end when error detection is on; "96AZ<4 hex>" for a resend request
    if (len >= 8 && line[len - 6] == 'A' && line[len - 5] == 'Z') {
      String sent = new String(line, len - 4, 4, StandardCharsets.US_ASCII);
      checksumOk = sent.equalsIgnoreCase(checksum(line, len - 4));
      bodyEnd = len - 6;
      if (bodyEnd >= 5 && line[bodyEnd - 3] == 'A' && line[bodyEnd - 2] == 'Y' && Character.isDigit(line[bodyEnd - 1])) {
        seq = line[bodyEnd - 1] - '0';
        bodyEnd -= 3;
      } else if (!isResend(line)) {
        // Only the resend requests (96, 97) carry a checksum without a sequence number.
        throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "AZ without AY sequence number");
      }
    }
    String text;
    try {
      text =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(line, 0, bodyEnd))
              .toString();
    } catch (CharacterCodingException e) {
      if (!checksumOk) return new Decoded(new Sip2Message(safeCommand(line), "", List.of()), seq, false);
      throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "not " + charset.name() + " text");
    }
    String command = text.substring(0, 2);
    if (!command.matches("\\d\\d")) throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "no message code");
    Integer fixedLength = FIXED_LENGTH.get(command);
    if (fixedLength == null) throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "unknown message " + command);
    if (text.length() < 2 + fixedLength) {
      if (!checksumOk) return new Decoded(new Sip2Message(command, "", List.of()), seq, false);
      throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "message " + command + " shorter than its fixed fields");
    }
    String fixed = text.substring(2, 2 + fixedLength);
    List<Sip2Message.Field> fields = new ArrayList<>();
    String rest = text.substring(2 + fixedLength);
    int i = 0;
    while (i < rest.length()) {
      if (i + 2 > rest.length()) throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "truncated field at the end");
      String code = rest.substring(i, i + 2);
      int bar = rest.indexOf('|', i + 2);
      if (bar < 0) throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "field " + code + " without '|'");
      if (!code.matches("[A-Z]{2}")) throw new Sip2Exception(Sip2Exception.Kind.PROTOCOL, "bad field code");
      fields.add(new Sip2Message.Field(code, rest.substring(i + 2, bar)));
      i = bar + 1;
    }
    return new Decoded(new Sip2Message(command, fixed, fields), seq, checksumOk);
  }

  private static boolean isResend(byte[] line) {
    return line[0] == '9' && (line[1] == '6' || line[1] == '7');
  }

  private static String safeCommand(byte[] line) {
    String c = new String(line, 0, 2, StandardCharsets.US_ASCII);
    return c.matches("\\d\\d") ? c : "00";
  }
}
