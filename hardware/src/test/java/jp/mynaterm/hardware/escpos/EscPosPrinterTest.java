package jp.mynaterm.hardware.escpos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import jp.mynaterm.hardware.escpos.EscPosDecoder.Command;
import jp.mynaterm.hardware.escpos.EscPosDecoder.Item;
import jp.mynaterm.hardware.escpos.EscPosDecoder.Text;
import jp.mynaterm.hardware.print.PrintOutcome;
import jp.mynaterm.hardware.print.PrintProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints to a capturing TCP "printer" and decodes what it received. */
class EscPosPrinterTest {
  private static final Slip SLIP = Slip.sampleReception("A-042", LocalDateTime.of(2025, 11, 25, 9, 12));
  private CapturingPrinter device;

  @BeforeEach
  void start() throws Exception {
    device = new CapturingPrinter();
  }

  @AfterEach
  void stop() throws Exception {
    device.close();
  }

  private EscPosPrinter printer(PaperWidth width) {
    return new EscPosPrinter(new PrinterLink.Tcp("127.0.0.1", device.port()), width, Duration.ofSeconds(2));
  }

  private List<Item> received() {
    await("the printer receives something").until(() -> !device.connections.isEmpty());
    return EscPosDecoder.decode(device.connections.getFirst());
  }

  /** The command that was in force when a text was printed. */
  private static Command lastBefore(List<Item> items, Item text, String command) {
    Command found = null;
    for (Item item : items.subList(0, items.indexOf(text))) {
      if (item instanceof Command c && c.name().equals(command)) found = c;
    }
    return found;
  }

  private static Text text(List<Item> items, String text) {
    return items.stream().filter(i -> i instanceof Text t && t.text().equals(text)).map(Text.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + text + "' in " + items));
  }

  @Test
  void aReceptionSlipArrivesAsKanjiTextWithSizesQrAndCut() {
    PrintOutcome outcome = printer(PaperWidth.MM80).print(SLIP);
    assertInstanceOf(PrintOutcome.Printed.class, outcome, outcome.toString());
    List<Item> items = received();

    assertEquals(new Command("DLE EOT", List.of(4)), items.get(0), "paper status asked before printing");
    assertEquals(new Command("ESC @", List.of()), items.get(1));
    assertTrue(items.indexOf(new Command("FS &", List.of())) < items.indexOf(text(items, "美濃病院")), "kanji mode before Japanese");
    assertTrue(items.contains(new Command("FS C", List.of(1))), "Shift_JIS code system selected");

    Text number = text(items, "A-042");
    assertEquals(List.of(0x11), lastBefore(items, number, "GS !").params(), "the number is double width and height");
    assertEquals(List.of(1), lastBefore(items, number, "ESC E").params(), "the number is bold");
    assertEquals(List.of(1), lastBefore(items, number, "ESC a").params(), "the number is centred");
    Text advice = text(items, "お呼びするまで待合室でお待ちください。");
    assertEquals(List.of(0), lastBefore(items, advice, "GS !").params(), "size goes back to normal");
    assertEquals(List.of(0), lastBefore(items, advice, "ESC E").params(), "bold goes off again");
    assertTrue(advice.kanjiMode());
    text(items, "受付日時：2025年11月25日 09:12");
    text(items, "-".repeat(48)); // a rule as wide as 80 mm paper

    List<Command> qr = items.stream().filter(i -> i instanceof Command c && c.name().equals("GS ( k")).map(Command.class::cast).toList();
    assertEquals(List.of(65, 67, 69, 80, 81), qr.stream().map(c -> c.params().get(1)).toList(), "model, size, error correction, store, print");
    assertEquals("https://queue.example.jp/212075/A-042", qr.get(3).data());

    Command cut = (Command) items.getLast();
    assertEquals("GS V", cut.name(), "the slip is cut at the end");
  }

  @Test
  void narrowPaperGetsNarrowRules() {
    printer(PaperWidth.MM58).print(SLIP);
    text(received(), "-".repeat(32));
  }

  @Test
  void anEmptyRollIsReportedAndNothingIsPrinted() {
    device.paperAnswer = 0x12 | 0x60;
    PrintOutcome outcome = printer(PaperWidth.MM80).print(SLIP);
    assertEquals(PrintProblem.PAPER_OUT, assertInstanceOf(PrintOutcome.Failed.class, outcome).problem());
    assertEquals(List.of(new Command("DLE EOT", List.of(4))), received(), "only the status query was sent");
  }

  @Test
  void aRollNearItsEndStillPrintsAndSaysSo() {
    device.paperAnswer = 0x12 | 0x0C;
    assertEquals(PaperStatus.NEAR_END, printer(PaperWidth.MM80).paper());
    PrintOutcome outcome = printer(PaperWidth.MM80).print(SLIP);
    assertTrue(assertInstanceOf(PrintOutcome.Printed.class, outcome).where().contains("near end"), outcome.toString());
  }

  @Test
  void aPrinterThatDoesNotAnswerStatusStillGetsTheSlip() {
    device.paperAnswer = null;
    var quiet = new EscPosPrinter(new PrinterLink.Tcp("127.0.0.1", device.port()), PaperWidth.MM80, Duration.ofMillis(200));
    assertInstanceOf(PrintOutcome.Printed.class, quiet.print(SLIP));
    assertTrue(received().contains(new Command("GS ( k", List.of(49, 81, 48))), "the slip was sent");
  }

  @Test
  void noPrinterListeningIsOffline() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    PrintOutcome outcome = new EscPosPrinter(new PrinterLink.Tcp("127.0.0.1", closed), PaperWidth.MM80, Duration.ofMillis(200)).print(SLIP);
    assertEquals(PrintProblem.PRINTER_OFFLINE, assertInstanceOf(PrintOutcome.Failed.class, outcome).problem());
  }

  @Test
  void aDeviceFileReceivesTheSameStream(@TempDir Path dir) throws Exception {
    Path lp = dir.resolve("lp0"); // stands in for /dev/usb/lp0: a file that never answers status
    Files.createFile(lp);
    var printer = new EscPosPrinter(new PrinterLink.Device(lp), PaperWidth.MM58, Duration.ofMillis(200));
    assertInstanceOf(PrintOutcome.Printed.class, printer.print(SLIP));
    List<Item> items = EscPosDecoder.decode(Files.readAllBytes(lp));
    text(items, "美濃病院");
    assertEquals("GS V", ((Command) items.getLast()).name());
  }

  @Test
  void theTextRenderingCentresByPrintedColumns() {
    String text = new SlipText(PaperWidth.MM58).render(SLIP);
    // 受付番号 is four double-byte characters, 8 columns: centred on 32 leaves 12 on the left.
    assertTrue(text.contains("\n" + " ".repeat(12) + "受付番号\n"), text);
    assertTrue(text.contains("[QR https://queue.example.jp/212075/A-042]"), text);
  }
}
