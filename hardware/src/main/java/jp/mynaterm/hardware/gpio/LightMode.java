package jp.mynaterm.hardware.gpio;

/** What a light shows. Blinking alternates on and off every half second. */
public enum LightMode {
  OFF,
  STEADY,
  BLINKING
}
