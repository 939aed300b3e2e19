package jp.mynaterm.hardware.gpio;

/** The port for indicator lights. A light that is not fitted (or failed at start) is ignored. */
public interface Indicators {
  void show(Light light, LightMode mode);

  /** Turns every light off, e.g. between riders. */
  default void allOff() {
    for (Light light : Light.values()) show(light, LightMode.OFF);
  }
}
