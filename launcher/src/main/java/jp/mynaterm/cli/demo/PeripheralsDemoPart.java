package jp.mynaterm.cli.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.config.PeripheralSettings;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.hardware.escpos.PaperWidth;
import jp.mynaterm.hardware.escpos.Slip;
import jp.mynaterm.hardware.escpos.SlipFilePrinter;
import jp.mynaterm.hardware.gpio.GpioPanel;
import jp.mynaterm.hardware.health.PeripheralHealth;
import jp.mynaterm.hardware.print.CertificateDocument;
import jp.mynaterm.hardware.print.CertificatePrinters;
import jp.mynaterm.hardware.print.FilePrinter;
import jp.mynaterm.hardware.print.PrintOutcome;

/**
 * The taxi's lights and buzzer on the mock GPIO header, every change printed as it happens, and a
 * sample certificate and reception slip through the file printer into the demo data folder.
 * Later parts find the taxi's panel as "taxi.gpio".
 */
final class PeripheralsDemoPart implements DemoPart {
  private GpioPanel taxiPanel;

  @Override
  public List<String> start(DemoContext context) throws Exception {
    List<String> started = new ArrayList<>();
    TaxiConfig taxi = context.loader().load(context.examples().resolve("taxi.yaml"), TaxiConfig.class);
    PeripheralHealth health = new PeripheralHealth();
    taxiPanel = GpioPanel.open(taxi.peripherals().gpio(), health);
    String name = taxi.terminal().id();
    taxiPanel.watch(change -> System.out.println("  [" + name + " gpio] " + change));
    context.put("taxi.gpio", taxiPanel);
    started.add(name + " GPIO (" + taxi.peripherals().gpio().provider() + "): " + health.states());
    taxiPanel.selfTest(); // red, amber, green, beep: ends green (ready), as the real reader does

    FilePrinter files = new FilePrinter(context.dataRoot().resolve("prints"));
    var renderer = CertificatePrinters.renderer(PeripheralSettings.DEFAULT.printer(), "美濃市 MINO CITY");
    PrintOutcome certificate = files.print("住民票の写し-sample",
        renderer.render(CertificateDocument.sample(LocalDate.now(), "K7Q2-9MX4-T3LA")));
    started.add("file printer: sample certificate " + describe(certificate));
    PrintOutcome slip = new SlipFilePrinter(files, PaperWidth.MM80)
        .print(Slip.sampleReception("A-042", LocalDateTime.now()));
    started.add("file printer: sample reception slip " + describe(slip));
    return started;
  }

  private static String describe(PrintOutcome outcome) {
    return switch (outcome) {
      case PrintOutcome.Printed p -> "at " + p.where();
      case PrintOutcome.Failed f -> "NOT written: " + f.explanation();
    };
  }

  @Override
  public void close() {
    if (taxiPanel != null) taxiPanel.close();
  }
}
