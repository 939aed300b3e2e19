package jp.mynaterm.config;

/**
 * One GPIO line a light, the buzzer or a button is wired to.
 *
 * @param bcm the Broadcom (BCM) GPIO number, 0-27 on a Raspberry Pi header
 * @param activeLow true when the device is on (or the button pressed) at the low level, as with a
 *     button to ground and a pull-up, or a relay board that switches on low
 */
public record GpioPin(Integer bcm, Boolean activeLow) {
  public GpioPin {
    Check.range("bcm", bcm, 0, 27);
    activeLow = Check.orDefault(activeLow, Boolean.FALSE);
  }

  public static GpioPin activeHigh(int bcm) {
    return new GpioPin(bcm, false);
  }

  public static GpioPin activeLow(int bcm) {
    return new GpioPin(bcm, true);
  }
}
