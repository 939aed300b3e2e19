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

  @Test
  void checksumsAsWorkedOutByHandFromTheSpec() {
    // "9300CNa|COb|CPc|AY0AZ": 57+51+48+48+67+78+97+124+67+79+98+124+67+80+99+124+65+89+48+65+90 = 1665 = 0x0681;
    // the two's complement in 16 bits is 0x10000 - 0x0681 = 0xF97F.
    byte[] login = utf8.encode(new Sip2Message("93", "00", List.of(new Sip2Message.Field("CN", "a"), new Sip2Message.Field("CO", "b"), new Sip2Message.Field("CP", "c"))), 0);
    assertEquals("9300CNa|COb|CPc|AY0AZF97F\r", new String(login, StandardCharsets.US_ASCII));
    // "97AZ": 57+55+65+90 = 267 = 0x010B, so 0xFEF5 — the 97 of other SIP2 clients, byte for byte.
    assertEquals("97AZFEF5\r", new String(utf8.encodeResend("97"), StandardCharsets.US_ASCII));
  }

  @Test
  void aResendRequestIsReadBareWithAChecksumOrEvenWithASequenceNumber() throws Exception {
    for (String line : List.of("96", "96AZFEF6", "96AY1AZFE2B")) {
      Sip2Codec.Decoded d = utf8.decode(line.getBytes(StandardCharsets.US_ASCII));
      assertEquals("96", d.message().command(), line);
      assertTrue(d.checksumOk(), line);
    }
    assertFalse(utf8.decode("96AZFEF7".getBytes(StandardCharsets.US_ASCII)).checksumOk(), "a wrong checksum is still caught");
    assertThrows(Sip2Exception.class, () -> utf8.decode("9900802.00AZF000".getBytes(StandardCharsets.US_ASCII)), "other messages need the sequence number");
  }
}
