package jp.mynaterm.agent.library.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Sip2CodecTest {
  private final Sip2Codec utf8 = new Sip2Codec(StandardCharsets.UTF_8);

  private static Sip2Message checkout(String title) {
    return new Sip2Message(
        "12",
        "1NUN20261124    100203",
        List.of(new Sip2Message.Field("AO", "mino"), new Sip2Message.Field("AB", "978"), new Sip2Message.Field("AJ", title)));
  }

  @Test
  void checksumMakesTheSixteenBitSumOfTheLineZero() {
    for (Charset cs : List.of(StandardCharsets.UTF_8, Charset.forName("Shift_JIS"))) {
      byte[] line = new Sip2Codec(cs).encode(checkout("吾輩は猫である"), 7);
      int n = line.length - 1; // without CR
      String text = new String(line, n - 4, 4, StandardCharsets.US_ASCII);
      int sum = 0;
      for (int i = 0; i < n - 4; i++) sum += line[i] & 0xFF;
      // The definition: the checksum is the two's complement of the sum, so both add up to 0 mod 2^16.
      assertEquals(0, (sum + HexFormat.fromHexDigits(text)) & 0xFFFF, cs.name());
    }
  }

  @Test
  void encodedLineEndsWithSequenceChecksumAndCarriageReturn() {
    String line = new String(utf8.encode(checkout("x"), 3), StandardCharsets.UTF_8);
    assertTrue(line.matches("12.*\\|AY3AZ[0-9A-F]{4}\\r"), line);
  }

  @Test
  void roundTripInBothCharsets() throws Exception {
    for (Charset cs : List.of(StandardCharsets.UTF_8, Charset.forName("Shift_JIS"))) {
      Sip2Codec codec = new Sip2Codec(cs);
      // ポ in Shift_JIS is 83 7C: its second byte is '|', which must not split the field
      Sip2Message m = checkout("ポケット図鑑");
      Sip2Codec.Decoded d = codec.decode(codec.encode(m, 5));
      assertEquals(m, d.message());
      assertEquals(5, d.seq());
      assertTrue(d.checksumOk());
    }
  }

  @Test
  void aFlippedByteIsDetected() throws Exception {
    byte[] line = utf8.encode(checkout("abc"), 1);
    line[10] ^= 0x01;
    assertFalse(utf8.decode(line).checksumOk());
  }

  @Test
  void malformedLinesAreProtocolErrorsNotCrashes() {
    for (String bad : List.of("", "1", "XX", "12short", "121NUN20261124    100203AOmino", "99")) {
      Sip2Exception e = assertThrows(Sip2Exception.class, () -> utf8.decode(bad.getBytes(StandardCharsets.US_ASCII)), bad);
      assertEquals(Sip2Exception.Kind.PROTOCOL, e.kind());
    }
  }

  @Test
  void fieldValuesCannotSmuggleSeparators() {
    assertThrows(IllegalArgumentException.class, () -> new Sip2Message.Field("AA", "P-1|AB978"));
    assertThrows(IllegalArgumentException.class, () -> new Sip2Message.Field("AA", "P-1\r"));
  }

  @Test
  void datesAreLocalTimeWithBlankZone() {
    assertEquals("20261124    100203", Sip2Codec.date(java.time.Instant.parse("2026-11-24T01:02:03Z"), java.time.ZoneId.of("Asia/Tokyo")));
  }
}
