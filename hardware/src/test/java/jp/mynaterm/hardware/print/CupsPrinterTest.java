package jp.mynaterm.hardware.print;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real CUPS with the cups-pdf virtual printer: what the kiosk relies on when it prints. */
class CupsPrinterTest {
  private static final URI CUPS = URI.create("http://127.0.0.1:631");
  private static CupsPdfQueue queue;
  private static byte[] certificate;

  @BeforeAll
  static void setUp() throws Exception {
    queue = CupsPdfQueue.create();
    certificate = new CertificateRenderer(CertificateRendererTest.FONT, Optional.empty(), "美濃市")
        .render(CertificateDocument.sample(LocalDate.of(2025, 11, 25), "K7Q2-9MX4-T3LA"));
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (queue != null) queue.close();
  }

  @Test
  void aCertificateIsFollowedToCompletionAndItsJapaneseTextIsInThePrintedPdf() throws Exception {
    PrintOutcome outcome = new CupsPrinter(CUPS, queue.name, Duration.ofSeconds(60)).print("住民票の写し", certificate);
    assertInstanceOf(PrintOutcome.Printed.class, outcome, outcome.toString());
    assertTrue(((PrintOutcome.Printed) outcome).where().startsWith(queue.name + "-"), outcome.toString());

    // Completed means CUPS handed it to the backend; cups-pdf may still be renaming its file.
    Optional<Path> printed = await("cups-pdf writes a PDF into " + queue.output).atMost(Duration.ofSeconds(20)).until(queue::printedPdf, Optional::isPresent);
    String text = CupsPdfQueue.run("pdftotext", "-enc", "UTF-8", printed.get().toString(), "-");
    for (String expected : new String[] {"住民票の写し", "岐阜県美濃市泉町１丁目３番地", "住民票の原本と相違ない", "K7Q2-9MX4-T3LA"}) {
      assertTrue(text.contains(expected), "pdftotext did not find " + expected + " in:\n" + text);
    }
  }

  @Test
  void aStoppedQueueIsRefusedBeforeAnythingIsSent() throws Exception {
    CupsPdfQueue.run("cupsdisable", queue.name);
    try {
      PrintOutcome outcome = new CupsPrinter(CUPS, queue.name, Duration.ofSeconds(10)).print("stopped", certificate);
      assertEquals(PrintProblem.PRINTER_STOPPED, assertInstanceOf(PrintOutcome.Failed.class, outcome).problem(), outcome.toString());
    } finally {
      CupsPdfQueue.run("cupsenable", queue.name);
    }
  }

  @Test
  void aJobThatCannotFinishIsCanceledSoItNeverComesOutLater() throws Exception {
    int nobody;
    try (ServerSocket s = new ServerSocket(0)) {
      nobody = s.getLocalPort();
    }
    // A network printer that is switched off: CUPS keeps retrying the connection.
    String off = queue.add(queue.name + "-off", "socket://127.0.0.1:" + nobody);
    PrintOutcome outcome = new CupsPrinter(CUPS, off, Duration.ofSeconds(3)).print("off", certificate);
    PrintOutcome.Failed failed = assertInstanceOf(PrintOutcome.Failed.class, outcome);
    assertTrue(failed.problem() == PrintProblem.TIMED_OUT || failed.problem() == PrintProblem.PRINTER_OFFLINE, outcome.toString());
    assertTrue(failed.detail().endsWith(", canceled"), failed.detail());
    assertEquals("", CupsPdfQueue.run("lpstat", "-o", off).strip(), "no job left waiting on " + off);
  }

  @Test
  void aJobCompletedThenAJamIsNotPrinted() throws Exception {
    String jamming = queue.addJamming(queue.name + "-jam");
    PrintOutcome outcome = new CupsPrinter(CUPS, jamming, Duration.ofSeconds(60)).print("jam", certificate);
    assertEquals(PrintProblem.JAMMED_AFTER_SENDING, assertInstanceOf(PrintOutcome.Failed.class, outcome).problem(), outcome.toString());
    assertTrue(CupsPdfQueue.run("lpstat", "-W", "completed", "-o", jamming).contains(jamming), "CUPS itself calls the job completed");
  }

  @Test
  void anUnknownQueueIsNamedAsSuch() {
    PrintOutcome outcome = new CupsPrinter(CUPS, "no-such-queue-" + queue.name, Duration.ofSeconds(10)).print("x", certificate);
    assertEquals(PrintProblem.PRINTER_NOT_FOUND, assertInstanceOf(PrintOutcome.Failed.class, outcome).problem());
  }

  @Test
  void noCupsListeningIsUnreachableNotAnException() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    PrintOutcome outcome = new CupsPrinter(URI.create("http://127.0.0.1:" + closedPort), "any", Duration.ofSeconds(10)).print("x", certificate);
    assertEquals(PrintProblem.PRINT_SERVICE_UNREACHABLE, assertInstanceOf(PrintOutcome.Failed.class, outcome).problem());
  }
}
