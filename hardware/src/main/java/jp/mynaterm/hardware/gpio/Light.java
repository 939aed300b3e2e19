package jp.mynaterm.hardware.gpio;

/** The indicator lights: green (go ahead / accepted), amber (working / wait), red (refused / fault). */
public enum Light {
  GREEN("green-light"),
  AMBER("amber-light"),
  RED("red-light");

  private final String device;

  Light(String device) {
    this.device = device;
  }

  /** The name this light has in peripheral health and the state log. */
  public String device() {
    return device;
  }
}
