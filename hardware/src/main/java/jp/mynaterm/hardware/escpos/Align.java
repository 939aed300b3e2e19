package jp.mynaterm.hardware.escpos;

public enum Align {
  LEFT,
  CENTER,
  RIGHT
}
