package jp.mynaterm.hardware.card.pinpad;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PC/SC part 10 (interoperability specification, part 10: IFDs with secure PIN entry), as pcsc-lite's
 * {@code reader.h} lays it out: a reader lists its features in answer to {@code CM_IOCTL_GET_FEATURE_REQUEST}
 * (a TLV list: feature tag, length 4, the feature's control code, big-endian), and verifies a PIN typed
 * on its own pad with {@code FEATURE_VERIFY_PIN_DIRECT}, given a {@code PIN_VERIFY_STRUCTURE} (fields
 * little-endian, as CCID carries them) holding the VERIFY command with placeholder bytes that the
 * reader fills with the digits typed: the PIN never reaches the host.
 */
public final class Part10 {
  private Part10() {}

  /** {@code SCARD_CTL_CODE(3400)} on Linux/macOS pcsc-lite: {@code 0x42000000 + 3400}. */
  public static final int CM_IOCTL_GET_FEATURE_REQUEST = 0x42000000 + 3400;
  public static final int FEATURE_VERIFY_PIN_DIRECT = 0x06;
  /** The control code the CCID driver gives {@link #FEATURE_VERIFY_PIN_DIRECT} ({@code SCARD_CTL_CODE(0x330000 + 6)}). */
  public static final int CCID_VERIFY_PIN_DIRECT = 0x42000000 + 0x330000 + FEATURE_VERIFY_PIN_DIRECT;

  /** The digits of the My Number card's PINs in the VERIFY: ASCII, 4 of them, no padding. */
  public static final int PIN_DIGITS = 4;
  /** How long the reader waits for the first key and between keys, in seconds (bTimerOut, bTimerOut2). */
  public static final int PAD_TIMEOUT_SECONDS = 30;
  /** LANGID of the reader's prompts: Japanese (0x0411). */
  public static final int LANG_JAPANESE = 0x0411;

  /** The readers' answers to a PIN entry that did not reach the card (pcsc-lite, CCID). */
  public static final int SW_PAD_TIMEOUT = 0x6400;
  public static final int SW_PAD_CANCELLED = 0x6401;

  /** The features a reader lists (tag → control code); empty for a reader without part 10. */
  public static Map<Integer, Integer> features(byte[] tlv) {
    Map<Integer, Integer> out = new HashMap<>();
    for (int i = 0; i + 2 <= tlv.length; ) {
      int tag = tlv[i] & 0xFF;
      int len = tlv[i + 1] & 0xFF;
      if (i + 2 + len > tlv.length) break;
      if (len == 4) out.put(tag, ByteBuffer.wrap(tlv, i + 2, 4).order(ByteOrder.BIG_ENDIAN).getInt());
      i += 2 + len;
    }
    return out;
  }

  /** A reader's feature list (for the virtual pad, and tests): one TLV per feature. */
  public static byte[] featureList(Map<Integer, Integer> features) {
    ByteBuffer b = ByteBuffer.allocate(6 * features.size()).order(ByteOrder.BIG_ENDIAN);
    features.forEach((tag, code) -> b.put((byte) (int) tag).put((byte) 4).putInt(code));
    return b.array();
  }

  /**
   * The {@code PIN_VERIFY_STRUCTURE} for a VERIFY of a 4-digit ASCII PIN ({@code 00 20 00 80 04 xx xx xx xx}):
   * the digits go from the command data's first byte on, one byte each, ASCII; entry ends with the
   * pad's OK key.
   *
   * @param verifyTemplate the VERIFY with Lc 4 and placeholder data, which the reader overwrites
   */
  public static byte[] verifyPinDirect(byte[] verifyTemplate) {
    ByteBuffer b = ByteBuffer.allocate(19 + verifyTemplate.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) PAD_TIMEOUT_SECONDS); // bTimerOut
    b.put((byte) PAD_TIMEOUT_SECONDS); // bTimerOut2
    b.put((byte) 0x82); // bmFormatString: units are bytes, PIN at offset 0 of the data, left-justified, ASCII
    b.put((byte) PIN_DIGITS); // bmPINBlockString: no length field, a PIN block of 4 bytes
    b.put((byte) 0x00); // bmPINLengthFormat: no PIN length in the command
    b.putShort((short) ((PIN_DIGITS << 8) | PIN_DIGITS)); // wPINMaxExtraDigit: 0xXXYY, XX min digits, YY max
    b.put((byte) 0x02); // bEntryValidationCondition: the OK key
    b.put((byte) 0x01); // bNumberMessage: the reader's one "enter PIN" prompt
    b.putShort((short) LANG_JAPANESE); // wLangId
    b.put((byte) 0x00); // bMsgIndex
    b.put(new byte[3]); // bTeoPrologue: T=1 only, filled by the driver
    b.putInt(verifyTemplate.length); // ulDataLength
    b.put(verifyTemplate); // abData
    return b.array();
  }

  /** What a reader reads from a {@code PIN_VERIFY_STRUCTURE}: the command, and the PIN's length and place in it. */
  public record VerifyRequest(byte[] command, int minDigits, int maxDigits, int offset, boolean ascii) {}

  /** Reads a {@code PIN_VERIFY_STRUCTURE} (the reader's side: the virtual pad); empty when malformed. */
  public static Optional<VerifyRequest> parseVerifyPinDirect(byte[] structure) {
    if (structure.length < 19) return Optional.empty();
    ByteBuffer b = ByteBuffer.wrap(structure).order(ByteOrder.LITTLE_ENDIAN);
    int format = b.get(2) & 0xFF;
    int maxExtra = b.getShort(5) & 0xFFFF;
    int length = b.getInt(15);
    if (length != structure.length - 19 || length < 5) return Optional.empty();
    byte[] command = Arrays.copyOfRange(structure, 19, structure.length);
    boolean bytes = (format & 0x80) != 0;
    int position = (format >> 3) & 0x0F;
    return Optional.of(new VerifyRequest(command, maxExtra >> 8, maxExtra & 0xFF, 5 + (bytes ? position : position / 8), (format & 0x03) == 0x02));
  }
}
