package jp.mynaterm.hardware.gpio;

/** The physical buttons a terminal may have. */
public enum Button {
  /** Kiosk: a person wants help from the counter. */
  CALL_STAFF("call-staff-button"),
  /** Kiosk: stop what is going on and return the card. */
  CANCEL("cancel-button"),
  /** Taxi: the driver has seen the refusal or fault and lets the rider board anyway or not. */
  ACKNOWLEDGE("acknowledge-button");

  private final String device;

  Button(String device) {
    this.device = device;
  }

  public String device() {
    return device;
  }
}
