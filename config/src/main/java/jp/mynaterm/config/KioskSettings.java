package jp.mynaterm.config;

import java.time.Duration;

/**
 * @param ui the local page Chromium shows in kiosk mode (loopback by default)
 * @param printer the CUPS queue for certificates, or {@code dir:PATH} for the file simulator
 * @param inactivity how long without a touch before the warning; the warning then gives at least 20 s
 */
public record KioskSettings(HttpSettings ui, String printer, Duration inactivity) {
  public static final KioskSettings DEFAULT = new KioskSettings(null, null, null);

  public KioskSettings {
    ui = Check.orDefault(ui, new HttpSettings(null, 8090));
    printer = Check.orDefault(printer, "dir:var/prints");
    inactivity = Check.positive("inactivity", Check.orDefault(inactivity, Duration.ofSeconds(60)));
  }
}
