package jp.mynaterm.cli.peripherals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** print sample and receipt sample as an operator runs them. */
class PeripheralCommandsTest {
  @Test
  void printSampleWritesAPdf(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("sub/cert.pdf");
    assertEquals(ExitCodes.OK, Main.execute("print", "sample", "--out", out.toString()));
    byte[] pdf = Files.readAllBytes(out);
    assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
  }

  @Test
  void printSampleNeedsATarget() {
    assertEquals(ExitCodes.USAGE, Main.execute("print", "sample"));
    assertEquals(ExitCodes.USAGE, Main.execute("print", "sample", "--out", "x.pdf", "--printer", "q"));
  }

  @Test
  void receiptSampleIntoAFolderIsTheSlipAsText(@TempDir Path dir) throws Exception {
    assertEquals(ExitCodes.OK, Main.execute("receipt", "sample", "--out", dir.toString(), "--width", "58", "--number", "B-007"));
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.toList();
    }
    assertEquals(1, files.size());
    String slip = Files.readString(files.getFirst());
    assertTrue(slip.contains("受付番号") && slip.contains("B-007"), slip);
  }

  @Test
  void receiptSampleToAPrinterThatIsNotThereFailsWithExitOne() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertEquals(ExitCodes.FAILURE, Main.execute("receipt", "sample", "--tcp", "127.0.0.1:" + closed));
    assertEquals(ExitCodes.USAGE, Main.execute("receipt", "sample", "--tcp", "no-port-here"));
    assertEquals(ExitCodes.USAGE, Main.execute("receipt", "sample", "--out", "x", "--width", "62"));
  }
}
