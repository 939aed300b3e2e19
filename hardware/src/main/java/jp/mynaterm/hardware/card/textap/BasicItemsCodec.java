package jp.mynaterm.hardware.card.textap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import jp.mynaterm.hardware.card.apdu.CardFailure;
import jp.mynaterm.hardware.card.apdu.CardProblem;

/**
 * EF 0002 of the text input support AP: {@code FF 20 len} around {@code DF 21} (offsets of the four
 * fields' tags from the start of the file, 2 bytes each), {@code DF 22} name, {@code DF 23} address,
 * {@code DF 24} birth date YYYYMMDD, {@code DF 25} sex. Parsing cross-checks the offset table, so a
 * shifted or truncated file is caught instead of being read as someone else's data.
 */
public final class BasicItemsCodec {
  private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
  private static final int[] FIELD_TAGS = {0xDF22, 0xDF23, 0xDF24, 0xDF25};

  private BasicItemsCodec() {}

  public static BasicItems parse(byte[] file) throws CardFailure {
    if (file.length < 4 || (file[0] & 0xFF) != 0xFF || (file[1] & 0xFF) != 0x20) throw malformed("does not start with FF 20");
    int[] outer = lengthAt(file, 2);
    int start = outer[0];
    int end = start + outer[1];
    if (end > file.length) throw malformed("is truncated");
    int[] offsets = null;
    int[] seenAt = new int[4];
    String[] values = new String[4];
    int i = start;
    while (i < end) {
      if (i + 2 >= end) throw malformed("has a truncated tag at " + i);
      int tag = ((file[i] & 0xFF) << 8) | (file[i + 1] & 0xFF);
      int[] len = lengthAt(file, i + 2);
      int valueAt = len[0];
      if (valueAt + len[1] > end) throw malformed("field " + Integer.toHexString(tag).toUpperCase() + " runs past the end");
      byte[] value = java.util.Arrays.copyOfRange(file, valueAt, valueAt + len[1]);
      if (tag == 0xDF21) {
        if (value.length != 8) throw malformed("has an offset table of " + value.length + " bytes");
        offsets = new int[4];
        for (int k = 0; k < 4; k++) offsets[k] = ((value[2 * k] & 0xFF) << 8) | (value[2 * k + 1] & 0xFF);
      } else {
        for (int k = 0; k < 4; k++) {
          if (tag == FIELD_TAGS[k]) {
            seenAt[k] = i;
            values[k] = new String(value, StandardCharsets.UTF_8);
          }
        }
      }
      i = valueAt + len[1];
    }
    if (offsets == null) throw malformed("has no offset table (DF 21)");
    for (int k = 0; k < 4; k++) {
      if (values[k] == null) throw malformed("lacks field DF " + Integer.toHexString(FIELD_TAGS[k] & 0xFF).toUpperCase());
      if (offsets[k] != seenAt[k]) throw malformed("offset table disagrees with the fields");
    }
    try {
      LocalDate birth = LocalDate.parse(values[2], YYYYMMDD);
      if (values[3].length() != 1) throw malformed("has a sex field of " + values[3].length() + " characters");
      return new BasicItems(values[0], values[1], birth, BasicItems.Sex.ofCode(values[3].charAt(0)));
    } catch (DateTimeParseException e) {
      throw malformed("has a birth date that is not YYYYMMDD");
    } catch (IllegalArgumentException e) {
      throw malformed("has an unknown sex code");
    }
  }

  /** The file a card holds for these items (the virtual card uses this), filler excluded. */
  public static byte[] encode(BasicItems items) {
    byte[][] fields = {
      items.name().getBytes(StandardCharsets.UTF_8),
      items.address().getBytes(StandardCharsets.UTF_8),
      items.birthDate().format(YYYYMMDD).getBytes(StandardCharsets.US_ASCII),
      {(byte) items.sex().code()}
    };
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int bodyLength = 3 + 8;
    for (byte[] f : fields) bodyLength += 2 + lengthBytes(f.length).length + f.length;
    int header = 2 + lengthBytes(bodyLength).length;
    int[] offsets = new int[4];
    int at = header + 3 + 8;
    for (int k = 0; k < 4; k++) {
      offsets[k] = at;
      at += 2 + lengthBytes(fields[k].length).length + fields[k].length;
    }
    body.writeBytes(new byte[] {(byte) 0xDF, 0x21, 0x08});
    for (int o : offsets) body.writeBytes(new byte[] {(byte) (o >> 8), (byte) o});
    for (int k = 0; k < 4; k++) {
      body.writeBytes(new byte[] {(byte) 0xDF, (byte) FIELD_TAGS[k]});
      body.writeBytes(lengthBytes(fields[k].length));
      body.writeBytes(fields[k]);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xFF, 0x20});
    out.writeBytes(lengthBytes(body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /** {value offset, length} of a BER definite length at {@code at}. */
  private static int[] lengthAt(byte[] b, int at) throws CardFailure {
    if (at >= b.length) throw malformed("is truncated");
    int first = b[at] & 0xFF;
    if (first < 0x80) return new int[] {at + 1, first};
    int n = first & 0x7F;
    if (n == 0 || n > 2 || at + n >= b.length) throw malformed("has a bad length at " + at);
    int len = 0;
    for (int k = 1; k <= n; k++) len = (len << 8) | (b[at + k] & 0xFF);
    return new int[] {at + 1 + n, len};
  }

  private static byte[] lengthBytes(int n) {
    if (n < 0x80) return new byte[] {(byte) n};
    if (n < 0x100) return new byte[] {(byte) 0x81, (byte) n};
    return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
  }

  private static CardFailure malformed(String what) {
    return new CardFailure(new CardProblem.MalformedData("EF 0002 " + what));
  }
}
