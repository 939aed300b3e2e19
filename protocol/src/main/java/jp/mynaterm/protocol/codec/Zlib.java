package jp.mynaterm.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Payloads compressed with zlib (RFC 1950: a deflate stream with its header and Adler-32 check), as a
 * terminal sends a backlog's batches: the same JSON, a fifth to a tenth of the bytes, so the terminal,
 * the broker and the hub each encrypt, copy and parse that much less, and a taxi on a metered mobile
 * line pays for that much less. A zlib stream starts with the byte 0x78 ('x', a 32 KiB window); a
 * payload of JSON always starts with '{', so a receiver tells the two apart by their first byte alone.
 */
public final class Zlib {
  /** The first byte of every zlib stream with deflate's 32 KiB window (all the JDK's Deflater makes). */
  static final byte HEADER = 0x78;

  private Zlib() {}

  /** Whether {@code payload} is a zlib stream (rather than JSON). */
  public static boolean compressed(byte[] payload) {
    return payload.length >= 2 && payload[0] == HEADER && ((payload[0] & 0xFF) << 8 | (payload[1] & 0xFF)) % 31 == 0;
  }

  /**
   * The inflated bytes, or {@link TooLarge} as soon as they pass {@code maxBytes} (a small payload may
   * inflate to gigabytes: the limit holds for what it becomes, not only for what arrived).
   */
  public static byte[] inflate(byte[] payload, int maxBytes) throws DataFormatException, TooLarge {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(payload);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, payload.length * 8));
      byte[] chunk = new byte[16 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) throw new DataFormatException("truncated zlib stream");
        if (out.size() + n > maxBytes) throw new TooLarge();
        out.write(chunk, 0, n);
      }
      if (inflater.getRemaining() > 0) throw new DataFormatException("trailing bytes after the zlib stream");
      return out.toByteArray();
    } finally {
      inflater.end();
    }
  }

  /** A payload that inflates past the limit. */
  public static final class TooLarge extends Exception {
    TooLarge() {
      super("inflates past the limit", null, false, false);
    }
  }

  /**
   * Compresses payloads one after another on one thread, reusing one deflater (its native state is a
   * few hundred KiB: made once, not per message). Fastest level: most of the gain for little of the
   * CPU, which on a terminal is a Raspberry Pi's. Close it to free the native state.
   */
  public static final class Compressor implements AutoCloseable {
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final byte[] chunk = new byte[16 * 1024];

    /**
     * Payloads from this size up go compressed: a backlog's JSON shrinks to a fifth or less, which the
     * terminal, the broker and the hub then encrypt and read; one event alone is not worth it.
     */
    public static final int COMPRESS_FROM = 2048;

    /** What a terminal publishes for this JSON: compressed from {@link #COMPRESS_FROM} bytes, else as it is. */
    public byte[] forSending(byte[] json) {
      return json.length >= COMPRESS_FROM ? compress(json) : json;
    }

    public byte[] compress(byte[] payload) {
      deflater.reset();
      deflater.setInput(payload);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length / 4 + 64);
      while (!deflater.finished()) {
        int n = deflater.deflate(chunk);
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    }

    @Override
    public void close() {
      deflater.end();
    }
  }
}
