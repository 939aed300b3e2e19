package jp.mynaterm.protocol.card;

import java.math.BigInteger;
import java.security.cert.X509Certificate;

/** The text form of certificate serial numbers on the wire: lowercase hex of the positive serial. */
public final class Serials {
  private Serials() {}

  public static String toHex(BigInteger serial) {
    return serial.toString(16);
  }

  public static String toHex(X509Certificate certificate) {
    return toHex(certificate.getSerialNumber());
  }

  /**
   * Parses a serial as sent on the wire or written in a list: hex, optionally with {@code 0x}, colons or
   * spaces between bytes (as tools print them), any case.
   *
   * @throws IllegalArgumentException with the offending text when it is not a hex serial
   */
  public static BigInteger parseHex(String text) {
    String t = text.strip();
    if (t.startsWith("0x") || t.startsWith("0X")) t = t.substring(2);
    if (t.indexOf(':') >= 0 || t.indexOf(' ') >= 0) t = t.replace(":", "").replace(" ", "");
    if (t.isEmpty() || t.length() > 64) throw new IllegalArgumentException("not a certificate serial: '" + text + "'");
    try {
      BigInteger serial = new BigInteger(t, 16);
      if (serial.signum() < 0) throw new IllegalArgumentException("a certificate serial is positive: '" + text + "'");
      return serial;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a hex certificate serial: '" + text + "'");
    }
  }
}
