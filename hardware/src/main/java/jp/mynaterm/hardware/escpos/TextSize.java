package jp.mynaterm.hardware.escpos;

/** Character magnification, as GS ! sets it: width and height multipliers. */
public enum TextSize {
  NORMAL(1, 1),
  TALL(1, 2),
  WIDE(2, 1),
  DOUBLE(2, 2);

  private final int width;
  private final int height;

  TextSize(int width, int height) {
    this.width = width;
    this.height = height;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }
}
