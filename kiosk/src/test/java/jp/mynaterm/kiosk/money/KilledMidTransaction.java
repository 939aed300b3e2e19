package jp.mynaterm.kiosk.money;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import jp.mynaterm.hardware.payment.SimulatedPaymentTerminal;
import jp.mynaterm.kiosk.flow.CertificatePrinter;
import jp.mynaterm.kiosk.flow.Fakes;
import jp.mynaterm.kiosk.flow.IssuanceSession;

/**
 * A kiosk process for {@link KilledMidTransactionTest}: a resident pays for two copies; the first
 * comes out, and while the second prints the process writes a marker and waits to be killed.
 */
public final class KilledMidTransaction {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    var journal = TransactionJournal.open(dir.resolve("transactions.db"), Clock.systemUTC());
    var payment = new SimulatedPaymentTerminal(dir.resolve("ledger.json"), "paypay");
    CertificatePrinter printer = (JsonNode document, int copy, int copies) -> {
      if (copy == 2) {
        try {
          Files.writeString(dir.resolve("copy-2-sent"), "");
          new java.util.concurrent.CountDownLatch(1).await(); // printing, until the kill
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
    var session = new IssuanceSession(new Fakes.Card(), new Fakes.Hub(), payment, printer, new Fakes.Recorder(), journal, Clock.systemUTC(),
        Duration.ofMinutes(5), Duration.ofSeconds(20));
    session.chooseLanguage("ja");
    session.chooseType("juminhyo");
    session.chooseOptions(Map.of("scope", "self"), 2);
    session.cardPresent();
    session.enterPin("1234".toCharArray());
    session.pay();
  }
}
