package jp.mynaterm.hardware.card.textap;

import java.util.HexFormat;
import jp.mynaterm.hardware.card.apdu.ApduChannel;
import jp.mynaterm.hardware.card.apdu.CardFailure;
import jp.mynaterm.hardware.card.apdu.PinCodes;

/**
 * The text input support AP (券面事項入力補助AP). Only EF 0002 (the four basic items) is read. EF 0001
 * holds the My Number and EF 0003 a plain SHA-256 of it (which counts as the number): neither is ever
 * selected (the guard in {@link ApduChannel} enforces it).
 */
public final class TextAp {
  public static final byte[] AID = HexFormat.of().parseHex("D3921000310001010408");
  public static final int PIN = 0x0011;
  public static final int BASIC_ITEMS = 0x0002;

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

  /** Reads the four basic items (after {@link #verifyPin}); the parser cross-checks the file's offset table. */
  public BasicItems basicItems() throws CardFailure {
    return BasicItemsCodec.parse(channel.readTlvFile(BASIC_ITEMS));
  }
}
