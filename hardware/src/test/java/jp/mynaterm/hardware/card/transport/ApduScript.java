package jp.mynaterm.hardware.card.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An APDU fixture: recorded exchanges with a card, as text. {@code #} starts a comment line, {@code >}
 * a command and {@code <} the card's whole answer (status word included), in hex, one exchange after
 * the other:
 *
 * <pre>
 * # SELECT AID D392F000260100000001
 * &gt; 00A4040C0AD392F000260100000001
 * &lt; 9000
 * </pre>
 */
record ApduScript(String title, List<RecordingTransport.Exchange> exchanges) {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  /** A fixture under {@code src/test/resources/apdu/}. */
  static ApduScript load(String name) {
    try (InputStream in = ApduScript.class.getResourceAsStream("/apdu/" + name)) {
      if (in == null) throw new IllegalArgumentException("no APDU fixture " + name);
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ApduScript parse(String text, String name) {
    List<RecordingTransport.Exchange> out = new ArrayList<>();
    String title = "";
    byte[] command = null;
    int n = 0;
    for (String raw : text.split("\n")) {
      n++;
      String line = raw.strip();
      if (line.isEmpty()) continue;
      if (line.startsWith("#")) {
        if (title.isEmpty()) title = line.substring(1).strip();
        continue;
      }
      String hex = line.substring(1).strip();
      switch (line.charAt(0)) {
        case '>' -> {
          if (command != null) throw new IllegalArgumentException(name + ":" + n + ": a command without an answer before it");
          command = HEX.parseHex(hex);
        }
        case '<' -> {
          if (command == null) throw new IllegalArgumentException(name + ":" + n + ": an answer without a command");
          out.add(new RecordingTransport.Exchange(command, HEX.parseHex(hex)));
          command = null;
        }
        default -> throw new IllegalArgumentException(name + ":" + n + ": a line must start with #, > or <");
      }
    }
    if (command != null) throw new IllegalArgumentException(name + ": the last command has no answer");
    return new ApduScript(title, List.copyOf(out));
  }

  /** The fixture's text: the title, notes, then each exchange under a line saying what its command is. */
  String format(List<String> notes) {
    StringBuilder b = new StringBuilder("# ").append(title).append('\n');
    for (String note : notes) b.append("# ").append(note).append('\n');
    for (var e : exchanges) {
      b.append('\n').append("# ").append(describe(e.command())).append('\n');
      b.append("> ").append(HEX.formatHex(e.command())).append('\n');
      b.append("< ").append(HEX.formatHex(e.response())).append('\n');
    }
    return b.toString();
  }

  /** What a command is, for a fixture's reader. */
  static String describe(byte[] c) {
    int ins = c[1] & 0xFF;
    int p1 = c[2] & 0xFF;
    int p2 = c[3] & 0xFF;
    String data = c.length > 5 ? HEX.formatHex(c, 5, 5 + (c[4] & 0xFF)) : "";
    return switch (ins) {
      case 0xA4 -> p1 == 0x04 ? "SELECT AID " + data : "SELECT EF " + data;
      case 0xB0 -> "READ BINARY at " + ((p1 << 8) | p2) + ", " + (c[4] == 0 ? 256 : c[4] & 0xFF) + " bytes";
      case 0x20 -> c.length > 5 ? "VERIFY" : "VERIFY without data (tries left)";
      case 0x2A -> "SIGN (DigestInfo of SHA-256)";
      case 0xC0 -> "GET RESPONSE";
      default -> String.format("INS %02X", ins);
    };
  }
}
