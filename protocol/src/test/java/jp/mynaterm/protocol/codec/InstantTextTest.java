package jp.mynaterm.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The protocol's instants read and written exactly as the JDK does, in every form it accepts. */
class InstantTextTest {
  private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  @Test
  void writesAndReadsWhatTheJdkDoesForInstantsAcrossTheRange() throws Exception {
    Random random = new Random(20261201);
    for (int i = 0; i < 20_000; i++) {
      long seconds = FIRST + Math.floorMod(random.nextLong(), LAST - FIRST + 1);
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(seconds, nano);
      String jdk = instant.toString();
      assertEquals(jdk, InstantText.format(instant));
      assertEquals('"' + jdk + '"', MessageCodec.mapper().writeValueAsString(instant));
      assertEquals(instant, read(jdk));
    }
  }

  @Test
  void readsEveryFractionLengthAndTheEdgesOfDaysAndYears() throws Exception {
    for (String text : new String[] {
        "2026-12-01T09:30:00Z", "2026-12-01T09:30:00.1Z", "2026-12-01T09:30:00.12Z", "2026-12-01T09:30:00.1234Z",
        "2026-12-01T09:30:00.12345Z", "2026-12-01T09:30:00.1234567Z", "2026-12-01T09:30:00.12345678Z",
        "2026-12-01T09:30:00.123456789Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"}) {
      assertEquals(Instant.parse(text), read(text), text);
    }
  }

  @Test
  void leavesOtherFormsToTheJdkWhichReadsOrRefusesThemAsBefore() throws Exception {
    // An offset, lower case, a leap second, midnight as 24:00, a point without digits, a long year: the JDK reads these.
    for (String text : new String[] {"2026-12-01T18:30:00+09:00", "2026-12-01T09:30:00.Z", "2026-12-01t09:30:00z", "2016-12-31T23:59:60Z", "2026-12-01T24:00:00Z", "+10000-01-01T00:00:00Z"}) {
      assertNull(InstantText.parse(text.toCharArray(), 0, text.length()), text);
      assertEquals(Instant.parse(text), read(text), text);
    }
    // And refuses these, with Jackson's error as before.
    for (String text : new String[] {"2026-02-30T09:30:00Z", "2026-12-01T09:60:00Z", "2026-13-01T09:30:00Z", "2026-12-01 09:30:00Z",
        "2026-12-01T09:30:00.1234567890Z", "\uff12026-12-01T09:30:00Z", "yesterday"}) {
      assertNull(InstantText.parse(text.toCharArray(), 0, text.length()), text);
      assertThrows(java.time.format.DateTimeParseException.class, () -> Instant.parse(text), text);
      assertThrows(JsonProcessingException.class, () -> read(text), text);
    }
  }

  @Test
  void writesYearsOutsideFourDigitsAsTheJdkDoes() throws Exception {
    for (Instant instant : new Instant[] {Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"), Instant.MAX, Instant.MIN}) {
      assertEquals(instant.toString(), InstantText.format(instant));
      assertEquals('"' + instant.toString() + '"', MessageCodec.mapper().writeValueAsString(instant));
    }
  }

  private static Instant read(String text) throws JsonProcessingException {
    return MessageCodec.mapper().readValue('"' + text + '"', Instant.class);
  }
}
