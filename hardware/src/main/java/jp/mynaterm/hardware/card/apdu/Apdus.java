package jp.mynaterm.hardware.card.apdu;

/** Builders for the short command APDUs the My Number card understands (never extended length). */
public final class Apdus {
  private Apdus() {}

  /** SELECT by DF name, P2 0C: no data back, as the card expects. */
  public static byte[] selectAid(byte[] aid) {
    return withData(0x00, 0xA4, 0x04, 0x0C, aid, false);
  }

  /** SELECT an EF of the current DF by its 2-byte id, P2 0C. */
  public static byte[] selectEf(int fileId) {
    return withData(0x00, 0xA4, 0x02, 0x0C, new byte[] {(byte) (fileId >> 8), (byte) fileId}, false);
  }

  /** READ BINARY of up to {@code length} (1..256) bytes at a 15-bit offset of the current EF. */
  public static byte[] readBinary(int offset, int length) {
    if (offset < 0 || offset > 0x7FFF) throw new IllegalArgumentException("offset out of range: " + offset);
    if (length < 1 || length > 256) throw new IllegalArgumentException("length out of range: " + length);
    return new byte[] {0x00, (byte) 0xB0, (byte) (offset >> 8), (byte) offset, (byte) length};
  }

  /** VERIFY against the current PIN EF; with no data it only asks for the tries left. */
  public static byte[] verify(byte[] pin) {
    if (pin == null || pin.length == 0) return new byte[] {0x00, 0x20, 0x00, (byte) 0x80};
    return withData(0x00, 0x20, 0x00, 0x80, pin, false);
  }

  /** COMPUTE DIGITAL SIGNATURE (JPKI form) over a DigestInfo with the current key EF; Le 00. */
  public static byte[] sign(byte[] digestInfo) {
    return withData(0x80, 0x2A, 0x00, 0x80, digestInfo, true);
  }

  public static byte[] getResponse(int length) {
    return new byte[] {0x00, (byte) 0xC0, 0x00, 0x00, (byte) length};
  }

  /** The same command with its Le replaced (for a {@code 6C xx} answer). */
  static byte[] withLe(byte[] command, int le) {
    int lc = command.length > 5 ? (command[4] & 0xFF) : 0;
    int bodyEnd = command.length > 5 ? 5 + lc : 4;
    byte[] out = java.util.Arrays.copyOf(command, bodyEnd + 1);
    out[bodyEnd] = (byte) le;
    return out;
  }

  private static byte[] withData(int cla, int ins, int p1, int p2, byte[] data, boolean le) {
    if (data.length > 255) throw new IllegalArgumentException("short APDUs carry at most 255 bytes");
    byte[] out = new byte[5 + data.length + (le ? 1 : 0)];
    out[0] = (byte) cla;
    out[1] = (byte) ins;
    out[2] = (byte) p1;
    out[3] = (byte) p2;
    out[4] = (byte) data.length;
    System.arraycopy(data, 0, out, 5, data.length);
    return out;
  }
}
