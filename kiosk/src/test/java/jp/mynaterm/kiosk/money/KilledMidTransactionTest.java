package jp.mynaterm.kiosk.money;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import jp.mynaterm.hardware.payment.SimulatedPaymentTerminal;
import jp.mynaterm.kiosk.flow.Fakes;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.PaymentRefunded;
import jp.mynaterm.protocol.event.StaffAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk process is killed (SIGKILL) while the second of two paid copies prints; started again,
 * it settles the transaction from its journal: the copy that came out stays paid and valid, the
 * other is refunded, and staff are told to look for a sheet.
 */
class KilledMidTransactionTest {
  @TempDir Path dir;

  @Test
  void aKioskKilledWhilePrintingPaysForWhatCameOutAndRefundsTheRestWhenItStartsAgain() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process kiosk = new ProcessBuilder(java, "-cp", classpath, KilledMidTransaction.class.getName(), dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("kiosk.log").toFile()).start();
    try {
      await("the second copy is printing").atMost(Duration.ofSeconds(60))
          .until(() -> Files.exists(dir.resolve("copy-2-sent")) || !kiosk.isAlive());
      assertEquals(true, kiosk.isAlive(), () -> "the kiosk process ended by itself: " + read(dir.resolve("kiosk.log")));
    } finally {
      kiosk.destroyForcibly().waitFor();
    }

    try (var journal = TransactionJournal.open(dir.resolve("transactions.db"), Clock.systemUTC())) {
      var payment = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "paypay");
      var recorder = new Fakes.Recorder();
      assertEquals(1, new Settlement(journal, payment, recorder).reconcileAtStart());

      String paymentId = "pay-K7Q2-M9XD-4HRT-1";
      assertEquals(1, payment.chargesTaken());
      assertEquals(250, payment.refundedYen(paymentId), "the copy that did not come out is refunded");
      assertEquals(
          List.of(
              new StaffAlert("copy-in-doubt", "K7Q2-M9XD-4HRT", paymentId, 0),
              new CertificateIssued("juminhyo", "K7Q2-M9XD-4HRT", 1, 250, paymentId, "ab".repeat(32)),
              new PaymentRefunded(paymentId, 250, "unfinished-at-start"),
              new StaffAlert("unfinished-at-start", "K7Q2-M9XD-4HRT", paymentId, 250)),
          recorder.events);
      assertEquals(TransactionJournal.State.FINISHED, journal.find("K7Q2-M9XD-4HRT").orElseThrow().state());
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "(no log)";
    }
  }
}
