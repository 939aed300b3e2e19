package jp.mynaterm.hardware.escpos;

/** The two common roll widths and how many half-width characters (font A, 12×24) fit a line. */
public enum PaperWidth {
  MM58(32),
  MM80(48);

  private final int columns;

  PaperWidth(int columns) {
    this.columns = columns;
  }

  public int columns() {
    return columns;
  }

  public static PaperWidth ofMillimetres(int mm) {
    return switch (mm) {
      case 58 -> MM58;
      case 80 -> MM80;
      default -> throw new IllegalArgumentException("paper width must be 58 or 80 mm (got " + mm + ")");
    };
  }
}
