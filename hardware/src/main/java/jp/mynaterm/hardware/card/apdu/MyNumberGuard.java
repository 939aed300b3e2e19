package jp.mynaterm.hardware.card.apdu;

import java.util.Optional;

/**
 * Refuses any command that could select or read EF 0001: in the text input support AP it holds the My
 * Number, which this software must never read (番号法). The JPKI AP's EF 0001 (the signature
 * certificate, which carries name and address) is not needed either, so the rule is simply "no EF
 * 0001 anywhere": by file id, by path ending in it, or by short EF identifier 1.
 *
 * <p>{@link ApduChannel} applies it to every command, at the one place APDUs leave the process.
 */
public final class MyNumberGuard {
  private MyNumberGuard() {}

  /** Empty when {@code apdu} may be sent; otherwise why not. */
  public static Optional<String> check(byte[] apdu) {
    if (apdu.length < 4) return Optional.empty();
    int ins = apdu[1] & 0xFF;
    int p1 = apdu[2] & 0xFF;
    int p2 = apdu[3] & 0xFF;
    if (ins == 0xA4 && apdu.length >= 7) {
      int lc = apdu[4] & 0xFF;
      boolean byFileIdOrPath = p1 == 0x00 || p1 == 0x02 || p1 == 0x08 || p1 == 0x09;
      if (byFileIdOrPath && lc >= 2 && apdu.length >= 5 + lc
          && apdu[5 + lc - 2] == 0x00 && apdu[5 + lc - 1] == 0x01) {
        return Optional.of("EF 0001 (the My Number) is never selected");
      }
    }
    // READ/UPDATE BINARY and READ RECORD with a short EF identifier in P1 (b8 set) or P2 (records).
    boolean sfiInP1 = (ins == 0xB0 || ins == 0xB1 || ins == 0xD6) && (p1 & 0x80) != 0 && (p1 & 0x1F) == 1;
    boolean sfiInP2 = (ins == 0xB2 || ins == 0xB3) && (p2 >> 3) == 1;
    if (sfiInP1 || sfiInP2) return Optional.of("EF 0001 (the My Number) is never read");
    if (ins == 0xB1 && apdu.length >= 4 && p1 == 0x00 && p2 == 0x01) {
      return Optional.of("EF 0001 (the My Number) is never read");
    }
    return Optional.empty();
  }
}
