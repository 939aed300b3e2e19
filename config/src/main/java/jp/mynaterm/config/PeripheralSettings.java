package jp.mynaterm.config;

/**
 * What a terminal has besides its screen and card reader: lights, buzzer and buttons on GPIO, an A4
 * certificate printer and a thermal slip printer. Each part left out takes its default.
 */
public record PeripheralSettings(GpioSettings gpio, CertificatePrinterSettings printer, SlipPrinterSettings slip) {
  public static final PeripheralSettings DEFAULT = new PeripheralSettings(null, null, null);

  public PeripheralSettings {
    gpio = Check.orDefault(gpio, GpioSettings.DEFAULT);
    printer = Check.orDefault(printer, CertificatePrinterSettings.DEFAULT);
    slip = Check.orDefault(slip, SlipPrinterSettings.DEFAULT);
  }
}
