package jp.mynaterm.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import jp.mynaterm.config.CertificatePrinterSettings;
import jp.mynaterm.config.GpioSettings;
import jp.mynaterm.config.PeripheralSettings;
import jp.mynaterm.config.SlipPrinterSettings;
import jp.mynaterm.hardware.escpos.Slip;
import jp.mynaterm.hardware.print.PrintOutcome;
import jp.mynaterm.hardware.print.PrintProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the heartbeat reads: every configured device with "ok" or its problem. */
class PeripheralsTest {
  private static final Slip SLIP = Slip.sampleReception("A-001", LocalDateTime.of(2025, 11, 25, 9, 0));

  private static PeripheralSettings settings(String queue, String slip) {
    return new PeripheralSettings(GpioSettings.DEFAULT,
        new CertificatePrinterSettings(queue, null, null, null, null), new SlipPrinterSettings(slip, 58));
  }

  @Test
  void simulatedPeripheralsAreAllOkAndPrintIntoTheirFolders(@TempDir Path base) throws Exception {
    try (Peripherals p = Peripherals.open(settings("dir:prints", "dir:slips"), base)) {
      assertEquals(java.util.List.of("acknowledge-button", "amber-light", "buzzer", "call-staff-button", "cancel-button",
          Peripherals.CERTIFICATE_PRINTER, "green-light", "red-light", Peripherals.SLIP_PRINTER), p.health().states().keySet().stream().toList());
      assertTrue(p.health().allOk(), p.health().states().toString());
      assertInstanceOf(PrintOutcome.Printed.class, p.printCertificate("t", "%PDF-1.7".getBytes()));
      assertInstanceOf(PrintOutcome.Printed.class, p.printSlip(SLIP));
      try (var files = Files.list(base.resolve("slips"))) {
        assertEquals(1, files.count());
      }
    }
  }

  @Test
  void aSlipPrinterThatIsNotThereShowsInHealthAndThePrintSaysWhy(@TempDir Path base) throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (Peripherals p = Peripherals.open(settings("", "tcp:127.0.0.1:" + closed), base)) {
      assertEquals("offline (cannot connect)", p.health().states().get(Peripherals.SLIP_PRINTER));
      assertTrue(p.certificatePrinter().isEmpty(), "no queue configured, no certificate printer");
      PrintOutcome outcome = p.printSlip(SLIP);
      assertEquals(PrintProblem.PRINTER_OFFLINE, assertInstanceOf(PrintOutcome.Failed.class, outcome).problem());
      assertEquals(PrintProblem.PRINTER_OFFLINE.english(), p.health().states().get(Peripherals.SLIP_PRINTER));
      assertEquals(PrintProblem.PRINTER_NOT_FOUND,
          assertInstanceOf(PrintOutcome.Failed.class, p.printCertificate("t", new byte[0])).problem());
    }
  }
}
