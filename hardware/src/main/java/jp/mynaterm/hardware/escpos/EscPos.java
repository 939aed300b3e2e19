package jp.mynaterm.hardware.escpos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;

/**
 * Encodes a {@link Slip} as ESC/POS (Epson's command set, which Japanese thermal printers follow),
 * with Japanese in kanji mode. The command bytes are named here once; tests decode them back.
 */
public final class EscPos {
  /**
   * Shift_JIS as Japanese printers and Windows implement it (windows-31j): plain Shift_JIS lacks
   * characters people type every day, such as the full-width tilde and minus.
   */
  public static final Charset SHIFT_JIS = Charset.forName("windows-31j");

  static final int ESC = 0x1B, GS = 0x1D, FS = 0x1C, DLE = 0x10, EOT = 0x04, LF = 0x0A;

  /** DLE EOT 4: real-time roll paper sensor status. */
  public static final byte[] PAPER_STATUS = {DLE, EOT, 4};
  /** Bits of the DLE EOT 4 answer: paper near its end, and paper out. */
  public static final int NEAR_END_BITS = 0x0C, PAPER_OUT_BITS = 0x60;

  private final PaperWidth width;

  public EscPos(PaperWidth width) {
    this.width = width;
  }

  public byte[] encode(Slip slip) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, ESC, '@');        // initialise: forget any state a previous job left
    write(out, FS, 'C', 1);      // kanji code system: Shift_JIS
    write(out, FS, '&');         // kanji mode on: double-byte characters print as kanji
    for (Slip.Line line : slip.lines()) {
      switch (line) {
        case Slip.Text t -> text(out, t);
        case Slip.Rule r -> text(out, new Slip.Text("-".repeat(width.columns()), TextSize.NORMAL, false, Align.LEFT));
        case Slip.Feed f -> write(out, ESC, 'd', Math.clamp(f.lines(), 0, 255));
        case Slip.Qr q -> qr(out, q);
        case Slip.Cut c -> write(out, GS, 'V', 66, 3); // feed 3 and partial cut
      }
    }
    return out.toByteArray();
  }

  private static void text(ByteArrayOutputStream out, Slip.Text t) {
    write(out, ESC, 'a', t.align().ordinal());
    write(out, ESC, 'E', t.bold() ? 1 : 0);
    write(out, GS, '!', ((t.size().width() - 1) << 4) | (t.size().height() - 1));
    out.writeBytes(t.text().getBytes(SHIFT_JIS));
    write(out, LF);
    // Back to plain so a following command or job does not inherit the style.
    write(out, GS, '!', 0);
    write(out, ESC, 'E', 0);
  }

  /** GS ( k: QR model 2, module size, error correction M, store the data, print it. */
  private static void qr(ByteArrayOutputStream out, Slip.Qr q) {
    write(out, ESC, 'a', Align.CENTER.ordinal());
    write(out, GS, '(', 'k', 4, 0, 49, 65, 50, 0);
    write(out, GS, '(', 'k', 3, 0, 49, 67, Math.clamp(q.moduleSize(), 1, 16));
    write(out, GS, '(', 'k', 3, 0, 49, 69, 49);
    byte[] data = q.content().getBytes(SHIFT_JIS);
    int length = data.length + 3;
    write(out, GS, '(', 'k', length & 0xFF, length >> 8, 49, 80, 48);
    out.writeBytes(data);
    write(out, GS, '(', 'k', 3, 0, 49, 81, 48);
    write(out, LF);
    write(out, ESC, 'a', Align.LEFT.ordinal());
  }

  private static void write(ByteArrayOutputStream out, int... bytes) {
    for (int b : bytes) out.write(b);
  }
}
