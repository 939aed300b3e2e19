package jp.mynaterm.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lights, buzzer and buttons on the terminal's GPIO header. A device left out is not fitted.
 *
 * @param provider {@code gpiod} for the real header (Pi 5 and current Raspberry Pi OS), {@code mock}
 *     for the simulated one the demo and tests use, {@code none} for a terminal without GPIO
 * @param chip the GPIO chip's name for gpiod, e.g. gpiochip0 (Pi 5 numbers its header chip 0 too
 *     with current kernels); empty lets Pi4J choose
 * @param debounce how long a button must be left alone after a press before another counts
 */
public record GpioSettings(
    String provider,
    String chip,
    GpioPin green,
    GpioPin amber,
    GpioPin red,
    GpioPin buzzer,
    GpioPin callStaff,
    GpioPin cancel,
    GpioPin acknowledge,
    Duration debounce) {
  /** The wiring of the reference taxi and kiosk boards (BCM numbers). */
  public static final GpioSettings DEFAULT =
      new GpioSettings(
          null, null,
          GpioPin.activeHigh(17), GpioPin.activeHigh(27), GpioPin.activeHigh(22),
          GpioPin.activeHigh(18),
          GpioPin.activeLow(23), GpioPin.activeLow(24), GpioPin.activeLow(25),
          null);

  public GpioSettings {
    provider = Check.orDefault(provider, "mock");
    if (!provider.equals("gpiod") && !provider.equals("mock") && !provider.equals("none")) {
      throw new InvalidValue("provider", "must be gpiod, mock or none (got '" + provider + "')");
    }
    chip = Check.orDefault(chip, "");
    debounce = Check.positive("debounce", Check.orDefault(debounce, Duration.ofMillis(50)));
    Map<Integer, String> used = new LinkedHashMap<>();
    claim(used, "green", green);
    claim(used, "amber", amber);
    claim(used, "red", red);
    claim(used, "buzzer", buzzer);
    claim(used, "callStaff", callStaff);
    claim(used, "cancel", cancel);
    claim(used, "acknowledge", acknowledge);
  }

  /** One line drives one device: two devices on one pin is a wiring mistake caught at start. */
  private static void claim(Map<Integer, String> used, String field, GpioPin pin) {
    if (pin == null) return;
    String other = used.putIfAbsent(pin.bcm(), field);
    if (other != null) {
      throw new InvalidValue(field + ".bcm", "GPIO " + pin.bcm() + " is already used by " + other);
    }
  }
}
