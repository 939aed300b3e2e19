package jp.mynaterm.hardware.card.textap;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import jp.mynaterm.hardware.card.apdu.ApduChannel;
import jp.mynaterm.hardware.card.apdu.CardFailure;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.PinCodes;

/**
 * The text input support AP (券面事項入力補助AP). Only EF 0002 (the four basic items) and EF 0003 (its
 * digest) are read; EF 0001 holds the My Number and is never selected (the guard in {@link
 * ApduChannel} enforces it).
 */
public final class TextAp {
  public static final byte[] AID = HexFormat.of().parseHex("D3921000310001010408");
  public static final int PIN = 0x0011;
  public static final int BASIC_ITEMS = 0x0002;
  public static final int DIGESTS = 0x0003;

  private final ApduChannel channel;

  public TextAp(ApduChannel channel) {
    this.channel = channel;
  }

  public void select() throws CardFailure {
    channel.selectApplication(AID, "text AP");
  }

  public int pinTriesLeft() throws CardFailure {
    return PinCodes.triesLeft(channel, PIN, "text AP PIN");
  }

  public void verifyPin(char[] pin) throws CardFailure {
    PinCodes.verifyFourDigits(channel, PIN, pin, "text AP PIN");
  }

  /**
   * Reads the four basic items (after {@link #verifyPin}). With {@code checkDigest}, EF 0003 must
   * hold the SHA-256 of EF 0002 as read, so a corrupted read is not taken for the holder's data.
   */
  public BasicItems basicItems(boolean checkDigest) throws CardFailure {
    byte[] file = channel.readTlvFile(BASIC_ITEMS);
    BasicItems items = BasicItemsCodec.parse(file);
    if (checkDigest) {
      byte[] digests = channel.readTlvFile(DIGESTS);
      if (indexOf(digests, sha256(file)) < 0) {
        throw new CardFailure(new CardProblem.MalformedData("EF 0002 does not match its digest in EF 0003"));
      }
    }
    return items;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
