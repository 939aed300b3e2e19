package jp.mynaterm.hardware.escpos;

/**
 * A slip as plain text the width of the paper, for the file simulator and logs. Full-width
 * characters take two columns, as on the printer; a QR code shows as its content.
 */
public final class SlipText {
  private final PaperWidth width;

  public SlipText(PaperWidth width) {
    this.width = width;
  }

  public String render(Slip slip) {
    StringBuilder out = new StringBuilder();
    for (Slip.Line line : slip.lines()) {
      switch (line) {
        case Slip.Text t -> out.append(place(t.bold() ? "*" + t.text() + "*" : t.text(), t.size().width(), t.align())).append('\n');
        case Slip.Rule r -> out.append("-".repeat(width.columns())).append('\n');
        case Slip.Feed f -> out.append("\n".repeat(Math.max(0, f.lines())));
        case Slip.Qr q -> out.append(place("[QR " + q.content() + "]", 1, Align.CENTER)).append('\n');
        case Slip.Cut c -> out.append("✂").append("- ".repeat(width.columns() / 2 - 1)).append('\n');
      }
    }
    return out.toString();
  }

  private String place(String text, int magnify, Align align) {
    int columns = columns(text) * magnify;
    int room = Math.max(0, width.columns() - columns);
    int left = switch (align) {
      case LEFT -> 0;
      case CENTER -> room / 2;
      case RIGHT -> room;
    };
    return " ".repeat(left) + text;
  }

  /** Columns on the printer: one for a Shift_JIS single byte, two for a double-byte character. */
  static int columns(String text) {
    return text.codePoints().map(cp -> new String(Character.toChars(cp)).getBytes(EscPos.SHIFT_JIS).length).sum();
  }
}
