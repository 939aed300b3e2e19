package jp.mynaterm.hardware.card.apdu;

import java.util.Arrays;
import jp.mynaterm.hardware.card.pinpad.PinEntry;

/**
 * VERIFY for a PIN EF, shared by the JPKI AP and the text AP. Exactly one VERIFY with data per call:
 * nothing here (or above) retries a PIN, so the software never spends a try on its own.
 */
public final class PinCodes {
  private PinCodes() {}

  /** Tries left without spending one (empty VERIFY); -1 when the PIN is already verified in this session. */
  public static int triesLeft(ApduChannel channel, int pinEf, String name) throws CardFailure {
    channel.selectEf(pinEf);
    Response r = channel.send(Apdus.verify(null), "VERIFY " + name + " (tries left)");
    if (r.ok()) return -1;
    if ((r.sw() & 0xFFF0) == 0x63C0) return r.sw2() & 0x0F;
    if (r.sw() == 0x6983 || r.sw() == 0x6984) return 0;
    // 63 00 (or another 63 xx) is "not verified" without a counter: not "0 tries left".
    throw new CardFailure(new CardProblem.UnexpectedStatus(r.sw(), "VERIFY " + name + " (tries left)"));
  }

  /** One VERIFY with the PIN as the resident gives it: typed (then wiped), or on the reader's pad. */
  public static void verify(ApduChannel channel, int pinEf, PinEntry entry, String name) throws CardFailure {
    switch (entry) {
      case PinEntry.Typed t -> verifyFourDigits(channel, pinEf, t.digits(), name);
      case PinEntry.OnReaderPad p -> {
        channel.selectEf(pinEf);
        outcome(channel, channel.verifyOnPinPad(p.pad(), "VERIFY " + name + " (PIN pad)"), name);
      }
    }
  }

  /** Verifies a 4-digit PIN; the bytes of the PIN are wiped after sending. No String holds the PIN on the way. */
  public static void verifyFourDigits(ApduChannel channel, int pinEf, char[] pin, String name) throws CardFailure {
    if (pin == null || pin.length != 4) throw new CardFailure(new CardProblem.BadPinFormat("4 digits"));
    for (char c : pin) if (c < '0' || c > '9') throw new CardFailure(new CardProblem.BadPinFormat("4 digits"));
    channel.selectEf(pinEf);
    byte[] ascii = new byte[4];
    for (int i = 0; i < 4; i++) ascii[i] = (byte) pin[i];
    byte[] command = Apdus.verify(ascii);
    Response r;
    try {
      r = channel.send(command, "VERIFY " + name);
    } finally {
      Arrays.fill(ascii, (byte) 0);
      Arrays.fill(command, (byte) 0);
    }
    outcome(channel, r, name);
  }

  /** What a VERIFY's answer means; a wrong PIN without a counter ({@code 63 00}) asks for it, which costs no try. */
  private static void outcome(ApduChannel channel, Response r, String name) throws CardFailure {
    if (r.ok()) return;
    if (r.sw() == 0x63C0 || r.sw() == 0x6983 || r.sw() == 0x6984) throw new CardFailure(new CardProblem.PinBlocked());
    if ((r.sw() & 0xFFF0) == 0x63C0) throw new CardFailure(new CardProblem.WrongPin(r.sw2() & 0x0F));
    if (r.sw1() == 0x63) {
      // 63 00: wrong, without a counter (not "0 tries left"). Asking costs no try.
      Response left = channel.send(Apdus.verify(null), "VERIFY " + name + " (tries left)");
      if (left.sw() == 0x63C0 || left.sw() == 0x6983 || left.sw() == 0x6984) throw new CardFailure(new CardProblem.PinBlocked());
      if ((left.sw() & 0xFFF0) == 0x63C0) throw new CardFailure(new CardProblem.WrongPin(left.sw2() & 0x0F));
      throw new CardFailure(new CardProblem.WrongPinTriesUnknown());
    }
    throw new CardFailure(ApduChannel.problemFor(r.sw(), "VERIFY " + name));
  }
}
