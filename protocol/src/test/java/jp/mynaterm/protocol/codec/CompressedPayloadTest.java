package jp.mynaterm.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.mynaterm.protocol.Samples;
import jp.mynaterm.protocol.codec.DecodeError.Reason;
import jp.mynaterm.protocol.message.Envelope;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Events;
import org.junit.jupiter.api.Test;

/** A terminal's compressed batch reads as the same message as its JSON, within the same limits. */
class CompressedPayloadTest {
  private final MessageCodec codec = new MessageCodec(256 * 1024);

  @Test
  void aCompressedBatchDecodesToTheSameEnvelopeAndIsFarSmaller() {
    byte[] json = batch(200);
    byte[] compressed;
    try (Zlib.Compressor c = new Zlib.Compressor()) {
      compressed = c.compress(json);
      assertArrayNotEquals(json, compressed);
      assertTrue(Arrays.equals(compressed, c.compress(json)), "the reused deflater starts afresh for every payload");
    }
    assertTrue(Zlib.compressed(compressed));
    assertFalse(Zlib.compressed(json), "JSON starts with '{'");
    assertTrue(compressed.length * 5 < json.length, compressed.length + " of " + json.length + " bytes");
    Envelope plain = ((DecodeResult.Decoded) codec.decode(json)).envelope();
    assertEquals(plain, ((DecodeResult.Decoded) codec.decode(compressed)).envelope());
  }

  @Test
  void whatInflatesPastTheLimitIsTooLargeHoweverSmallItArrived() {
    byte[] bomb = new byte[10 * 1024 * 1024];
    Arrays.fill(bomb, (byte) ' ');
    bomb[0] = '{';
    byte[] small;
    try (Zlib.Compressor c = new Zlib.Compressor()) {
      small = c.compress(bomb);
    }
    assertTrue(small.length < 256 * 1024);
    DecodeResult r = codec.decode(small);
    assertEquals(Reason.TOO_LARGE, assertInstanceOf(DecodeResult.Failed.class, r).error().reason(), r.toString());
  }

  @Test
  void aCorruptOrTruncatedStreamIsNotJson() {
    byte[] compressed;
    try (Zlib.Compressor c = new Zlib.Compressor()) {
      compressed = c.compress(batch(20));
    }
    byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);
    byte[] flipped = compressed.clone();
    flipped[compressed.length / 2] ^= 0x55;
    for (byte[] bad : List.of(truncated, flipped)) {
      DecodeResult r = codec.decode(bad);
      assertEquals(Reason.NOT_JSON, assertInstanceOf(DecodeResult.Failed.class, r).error().reason(), r.toString());
    }
  }

  @Test
  void theReadableEventsOfACompressedBatchAreSalvaged() throws Exception {
    var root = MessageCodec.mapper().readTree(batch(3));
    ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("body").get("events").get(1).get("event")).put("fareYen", -5);
    byte[] compressed;
    try (Zlib.Compressor c = new Zlib.Compressor()) {
      compressed = c.compress(MessageCodec.mapper().writeValueAsBytes(root));
    }
    assertInstanceOf(DecodeResult.Failed.class, codec.decode(compressed));
    SalvagedEvents salvaged = codec.salvageEvents(compressed).orElseThrow();
    assertEquals(List.of(1L, 3L), salvaged.readable().stream().map(EventRecord::seq).toList());
    assertEquals(2L, salvaged.unreadable().getFirst().seq());
  }

  private static byte[] batch(int n) {
    List<EventRecord> records = new ArrayList<>();
    for (int i = 1; i <= n; i++) records.add(new EventRecord(i, Samples.STAMP, Samples.events().get(2)));
    return new MessageCodec().encode(Samples.factory("taxi-1").envelope(new Events(records)));
  }

  private static void assertArrayNotEquals(byte[] a, byte[] b) {
    assertFalse(Arrays.equals(a, b));
  }
}
