package jp.mynaterm.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants as the protocol spells them, {@code 2026-12-01T09:30:00.123Z} (what {@link Instant#toString}
 * writes), read and written by arithmetic on the digits. Every event carries one, and
 * {@code DateTimeFormatter.ISO_INSTANT} was a third of what the hub spent decoding a batch and a sixth
 * of writing an event for storage. The result is exactly the JDK's: a text in the common form (years
 * 0000–9999, UTC, {@code Z}, a fraction of up to nine digits) is read here; anything else — another
 * offset, a leap second, lower case, a year past 9999 — goes to the JDK's parser (through Jackson's
 * own deserializer), which reads or refuses it as before.
 */
public final class InstantText {
  private static final long SECONDS_PER_DAY = 86_400;
  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  private InstantText() {}

  /** What {@link Instant#toString} returns for {@code instant}. */
  public static String format(Instant instant) {
    char[] buf = new char[30];
    int n = format(instant, buf);
    return n < 0 ? instant.toString() : new String(buf, 0, n);
  }

  /**
   * Writes {@code instant} into {@code buf} (30 chars) as {@link Instant#toString} does and returns the
   * length, or -1 for a year outside 0000–9999, which {@link Instant#toString} spells differently.
   */
  static int format(Instant instant, char[] buf) {
    long seconds = instant.getEpochSecond();
    long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    if (day < -719_528 || day > 2_932_896) return -1; // 0000-01-01 .. 9999-12-31
    LocalDate date = LocalDate.ofEpochDay(day);
    int i = 0;
    i = digits(buf, i, date.getYear(), 4);
    buf[i++] = '-';
    i = digits(buf, i, date.getMonthValue(), 2);
    buf[i++] = '-';
    i = digits(buf, i, date.getDayOfMonth(), 2);
    buf[i++] = 'T';
    i = digits(buf, i, secondOfDay / 3600, 2);
    buf[i++] = ':';
    i = digits(buf, i, secondOfDay / 60 % 60, 2);
    buf[i++] = ':';
    i = digits(buf, i, secondOfDay % 60, 2);
    int nano = instant.getNano();
    if (nano > 0) {
      // As ISO_INSTANT: milliseconds, microseconds or nanoseconds, whichever holds the value.
      buf[i++] = '.';
      if (nano % 1_000_000 == 0) i = digits(buf, i, nano / 1_000_000, 3);
      else if (nano % 1_000 == 0) i = digits(buf, i, nano / 1_000, 6);
      else i = digits(buf, i, nano, 9);
    }
    buf[i++] = 'Z';
    return i;
  }

  private static int digits(char[] buf, int at, int value, int width) {
    for (int k = at + width - 1; k >= at; k--) {
      buf[k] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }

  /**
   * The instant {@code text[offset, offset+length)} spells in the common form
   * ({@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}), or null when it is in another form or not a valid date
   * and time: the caller then asks the JDK, which knows every form and says what is wrong.
   */
  static Instant parse(char[] text, int offset, int length) {
    if (length < 20 || length > 30) return null;
    int end = offset + length;
    if (text[end - 1] != 'Z') return null;
    int year = number(text, offset, 4);
    int month = number(text, offset + 5, 2);
    int day = number(text, offset + 8, 2);
    int hour = number(text, offset + 11, 2);
    int minute = number(text, offset + 14, 2);
    int second = number(text, offset + 17, 2);
    if ((year | month | day | hour | minute | second) < 0) return null;
    if (text[offset + 4] != '-' || text[offset + 7] != '-' || text[offset + 10] != 'T' || text[offset + 13] != ':' || text[offset + 16] != ':') return null;
    if (hour > 23 || minute > 59 || second > 59) return null;
    int nano = 0;
    int fractionDigits = length - 21; // after "yyyy-MM-ddTHH:mm:ss." and before "Z"
    if (length > 20) {
      if (text[offset + 19] != '.' || fractionDigits < 1) return null;
      int fraction = number(text, offset + 20, fractionDigits);
      if (fraction < 0) return null;
      nano = fraction * POWERS[9 - fractionDigits];
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null; // 2026-02-30 and the like: the JDK's parser says so
    }
    return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
  }

  /** The decimal number of {@code count} ASCII digits at {@code at}, or -1 if one is not a digit. */
  private static int number(char[] text, int at, int count) {
    int value = 0;
    for (int k = at; k < at + count; k++) {
      int d = text[k] - '0';
      if (d < 0 || d > 9) return -1;
      value = value * 10 + d;
    }
    return value;
  }

  /** The Jackson module that reads and writes instants this way; registered after Jackson's JavaTimeModule. */
  static SimpleModule module() {
    return new SimpleModule("InstantText").addSerializer(Instant.class, new Writer()).addDeserializer(Instant.class, new Reader());
  }

  private static final class Writer extends StdSerializer<Instant> {
    Writer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      char[] buf = new char[30];
      int n = format(value, buf);
      if (n < 0) gen.writeString(value.toString());
      else gen.writeString(buf, 0, n);
    }
  }

  private static final class Reader extends StdScalarDeserializer<Instant> {
    Reader() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        Instant fast = parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (fast != null) return fast;
      }
      return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }
  }
}
