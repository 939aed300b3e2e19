package jp.mynaterm.hardware.escpos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ESC/POS byte stream back into commands and text, the way a printer would, so tests
 * assert what the printer is told rather than bytes. Independent of {@link EscPos}: it knows the
 * command set from Epson's reference, not from the encoder.
 */
final class EscPosDecoder {
  private static final Charset SJIS = Charset.forName("windows-31j");

  sealed interface Item {}

  /** A command by its usual name ("ESC @", "GS !"), with its parameter bytes and any data. */
  record Command(String name, List<Integer> params, String data) implements Item {
    Command(String name, List<Integer> params) {
      this(name, params, "");
    }
  }

  /** Printable text up to a line feed, decoded as Shift_JIS when kanji mode is on. */
  record Text(String text, boolean kanjiMode) implements Item {}

  static List<Item> decode(byte[] bytes) {
    List<Item> items = new ArrayList<>();
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    boolean kanji = false;
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xFF;
      if (b >= 0x20 || (kanji && isLeadByte(b))) {
        if (kanji && isLeadByte(b) && i + 1 < bytes.length) {
          text.write(b);
          text.write(bytes[i + 1]);
          i += 2;
        } else {
          text.write(b);
          i++;
        }
        continue;
      }
      if (b == 0x0A) {
        items.add(new Text(kanji ? text.toString(SJIS) : text.toString(java.nio.charset.StandardCharsets.US_ASCII), kanji));
        text.reset();
        i++;
        continue;
      }
      int next = i + 1 < bytes.length ? bytes[i + 1] & 0xFF : -1;
      String name;
      int paramCount;
      switch (b) {
        case 0x1B -> {
          name = "ESC " + (char) next;
          paramCount = switch (next) {
            case '@' -> 0;
            case 'a', 'E', 'd', '!', 't', 'M' -> 1;
            default -> throw new IllegalArgumentException("unknown ESC " + next + " at " + i);
          };
        }
        case 0x1C -> {
          name = "FS " + (char) next;
          paramCount = switch (next) {
            case '&', '.' -> 0;
            case 'C', '!' -> 1;
            default -> throw new IllegalArgumentException("unknown FS " + next + " at " + i);
          };
          if (next == '&') kanji = true;
          if (next == '.') kanji = false;
        }
        case 0x1D -> {
          if (next == '(' && i + 2 < bytes.length && bytes[i + 2] == 'k') {
            int length = (bytes[i + 3] & 0xFF) | (bytes[i + 4] & 0xFF) << 8;
            int cn = bytes[i + 5] & 0xFF, fn = bytes[i + 6] & 0xFF;
            List<Integer> params = new ArrayList<>(List.of(cn, fn));
            String data = "";
            if (fn == 80) data = new String(bytes, i + 8, length - 3, SJIS);
            else for (int k = i + 7; k < i + 5 + length; k++) params.add(bytes[k] & 0xFF);
            items.add(new Command("GS ( k", params, data));
            i += 5 + length;
            continue;
          }
          name = "GS " + (char) next;
          paramCount = switch (next) {
            case '!', 'r' -> 1;
            case 'V' -> (bytes[i + 2] & 0xFF) >= 65 ? 2 : 1;
            default -> throw new IllegalArgumentException("unknown GS " + next + " at " + i);
          };
        }
        case 0x10 -> {
          name = next == 0x04 ? "DLE EOT" : "DLE " + next;
          paramCount = 1;
        }
        default -> throw new IllegalArgumentException("unexpected control byte " + b + " at " + i);
      }
      List<Integer> params = new ArrayList<>();
      for (int k = 0; k < paramCount; k++) params.add(bytes[i + 2 + k] & 0xFF);
      items.add(new Command(name, params));
      i += 2 + paramCount;
    }
    if (text.size() > 0) items.add(new Text(text.toString(SJIS), kanji));
    return items;
  }

  private static boolean isLeadByte(int b) {
    return (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC);
  }
}
