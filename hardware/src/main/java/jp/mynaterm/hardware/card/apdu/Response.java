package jp.mynaterm.hardware.card.apdu;

/** A response APDU: data and the status word (SW1 SW2 as one int). */
public record Response(byte[] data, int sw) {
  public static final int OK = 0x9000;

  public boolean ok() {
    return sw == OK;
  }

  public int sw1() {
    return sw >> 8;
  }

  public int sw2() {
    return sw & 0xFF;
  }
}
