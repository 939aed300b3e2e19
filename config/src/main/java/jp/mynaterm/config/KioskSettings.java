package jp.mynaterm.config;

import java.time.Duration;

/**
 * The kiosk's own settings; its A4 printer is {@code peripherals.printer} like every terminal's.
 *
 * @param ui the local page Chromium shows in kiosk mode (loopback by default)
 * @param inactivity how long without a touch before the warning; the warning then gives at least 20 s
 * @param issuingKey the city's issuing public key (the hub's {@code issuing-key.pub}, DER or PEM): the
 *     kiosk prints only documents signed with it
 * @param hubTimeout how long the kiosk waits for the hub's answer before it says the hub is unreachable
 * @param payment the payment terminal: {@code simulator:PATH} (a ledger file; the only kind until a
 *     terminal's driver is added)
 * @param cityName the name in the certificates' background pattern
 * @param requestFees the fees stated for a request left while the hub is down ({@link RequestFeeSettings})
 */
public record KioskSettings(HttpSettings ui, Duration inactivity, String issuingKey, Duration hubTimeout, String payment, String cityName, RequestFeeSettings requestFees) {
  private static final String SIMULATOR = "simulator:";
  public static final KioskSettings DEFAULT = new KioskSettings(null, null, null, null, null, null, null);

  public KioskSettings {
    ui = Check.orDefault(ui, new HttpSettings(null, 8090));
    inactivity = Check.positive("inactivity", Check.orDefault(inactivity, Duration.ofSeconds(60)));
    issuingKey = Check.orDefault(issuingKey, "var/hub/issuing-key.pub");
    if (issuingKey.isBlank()) throw new InvalidValue("issuingKey", "must name the hub's issuing public key file (issuing-key.pub)");
    hubTimeout = Check.positive("hubTimeout", Check.orDefault(hubTimeout, Duration.ofSeconds(10)));
    payment = Check.orDefault(payment, SIMULATOR + "var/kiosk/payments.json");
    if (!payment.startsWith(SIMULATOR) || payment.length() == SIMULATOR.length()) {
      throw new InvalidValue("payment", "must be simulator:PATH (the only payment terminal supported so far; got '" + payment + "')");
    }
    cityName = Check.orDefault(cityName, "美濃市");
    requestFees = Check.orDefault(requestFees, RequestFeeSettings.DEFAULT);
  }

  /** The payment simulator's ledger file (the path after {@code simulator:}). */
  public String paymentLedger() {
    return payment.substring(SIMULATOR.length());
  }
}
