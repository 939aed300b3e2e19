package jp.mynaterm.hardware;

import java.nio.file.Path;
import java.util.Optional;
import jp.mynaterm.config.PeripheralSettings;
import jp.mynaterm.hardware.escpos.PaperStatus;
import jp.mynaterm.hardware.escpos.Slip;
import jp.mynaterm.hardware.escpos.SlipPrinter;
import jp.mynaterm.hardware.escpos.SlipPrinters;
import jp.mynaterm.hardware.gpio.GpioPanel;
import jp.mynaterm.hardware.health.PeripheralHealth;
import jp.mynaterm.hardware.print.CertificatePrinter;
import jp.mynaterm.hardware.print.CertificatePrinters;
import jp.mynaterm.hardware.print.PrintOutcome;
import jp.mynaterm.hardware.print.PrintProblem;

/**
 * Everything a terminal has besides its card reader, opened from its configuration. Opening never
 * fails for a missing device: each one's state is in {@link #health()} for the heartbeat.
 */
public final class Peripherals implements AutoCloseable {
  public static final String CERTIFICATE_PRINTER = "certificate-printer";
  public static final String SLIP_PRINTER = "slip-printer";

  private final PeripheralHealth health;
  private final GpioPanel gpio;
  private final Optional<CertificatePrinter> certificatePrinter;
  private final Optional<SlipPrinter> slipPrinter;

  private Peripherals(PeripheralHealth health, GpioPanel gpio, Optional<CertificatePrinter> certificatePrinter, Optional<SlipPrinter> slipPrinter) {
    this.health = health;
    this.gpio = gpio;
    this.certificatePrinter = certificatePrinter;
    this.slipPrinter = slipPrinter;
  }

  /** @param base where relative {@code dir:} printer paths start */
  public static Peripherals open(PeripheralSettings settings, Path base) {
    PeripheralHealth health = new PeripheralHealth();
    GpioPanel gpio = GpioPanel.open(settings.gpio(), health);
    var certificates = CertificatePrinters.from(settings.printer(), base);
    certificates.ifPresent(p -> health.ok(CERTIFICATE_PRINTER));
    var slips = SlipPrinters.from(settings.slip(), base);
    slips.ifPresent(p -> reportPaper(health, p.paper()));
    return new Peripherals(health, gpio, certificates, slips);
  }

  /** Records the slip printer's paper for the heartbeat; call after each slip too. */
  public static void reportPaper(PeripheralHealth health, PaperStatus paper) {
    switch (paper) {
      // Printers that never report their paper (some network interfaces) are not faulty.
      case OK, NO_ANSWER -> health.ok(SLIP_PRINTER);
      case NEAR_END -> health.problem(SLIP_PRINTER, "paper near end");
      case OUT -> health.problem(SLIP_PRINTER, "paper out");
      case UNREACHABLE -> health.problem(SLIP_PRINTER, "offline (cannot connect)");
    }
  }

  /**
   * Prints a certificate and keeps the printer's health at its last outcome, so the hub sees
   * "paper out" until a print succeeds again.
   */
  public PrintOutcome printCertificate(String title, byte[] pdf) {
    if (certificatePrinter.isEmpty()) return new PrintOutcome.Failed(PrintProblem.PRINTER_NOT_FOUND, "no certificate printer configured");
    return recorded(CERTIFICATE_PRINTER, certificatePrinter.get().print(title, pdf));
  }

  /** Prints a slip; the slip printer's health follows the outcome as for certificates. */
  public PrintOutcome printSlip(Slip slip) {
    if (slipPrinter.isEmpty()) return new PrintOutcome.Failed(PrintProblem.PRINTER_NOT_FOUND, "no slip printer configured");
    return recorded(SLIP_PRINTER, slipPrinter.get().print(slip));
  }

  private PrintOutcome recorded(String device, PrintOutcome outcome) {
    switch (outcome) {
      case PrintOutcome.Printed p -> health.ok(device);
      case PrintOutcome.Failed f -> health.problem(device, f.problem().english());
    }
    return outcome;
  }

  public PeripheralHealth health() {
    return health;
  }

  public GpioPanel gpio() {
    return gpio;
  }

  public Optional<CertificatePrinter> certificatePrinter() {
    return certificatePrinter;
  }

  public Optional<SlipPrinter> slipPrinter() {
    return slipPrinter;
  }

  @Override
  public void close() {
    gpio.close();
  }
}
