package jp.mynaterm.agent.taxi;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.config.GpioSettings;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.hardware.gpio.GpioPanel;
import jp.mynaterm.hardware.health.PeripheralHealth;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.event.RefusalReason;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The vehicle reader watching pcscd: a card laid on the vpcd reader is read and answered by itself. */
@ResourceLock("vpcd")
class TaxiTerminalReaderTest {
  @TempDir Path dir;

  @Test
  void aCardLaidOnTheReaderIsReadAndAnsweredWithoutBeingAsked() throws Exception {
    VirtualCardPki pki = VirtualCardPki.openOrCreate(dir.resolve("cards"));
    VirtualMyNumberCard card = VirtualMyNumberCard.forResident(pki, Resident.find("2").orElseThrow(), "1234");
    List<TaxiTerminal.Answer> answers = new CopyOnWriteArrayList<>();
    try (GpioPanel panel = GpioPanel.open(GpioSettings.DEFAULT, new PeripheralHealth());
        TaxiTerminal taxi = TaxiTerminal.start(Rig.taxi(dir, "taxi-r", "tcp://127.0.0.1:" + Rig.freePort()), "test", "test",
            new TrustAnchors(List.of(pki.rootCertificate())), panel, panel.health(), Clock.systemUTC())) {
      taxi.onAnswer(answers::add);
      taxi.watchReaders();
      VirtualCardInPcscd inReader = switch (VirtualCardInPcscd.open(card, Duration.ofMinutes(2))) {
        case VirtualCardInPcscd.Opening.Ready r -> r.card();
        case VirtualCardInPcscd.Opening.Unavailable u -> throw RealComponent.PCSCD.missing(u.reason());
      };
      try (inReader) {
        await("the tap is answered").atMost(Duration.ofSeconds(20)).until(() -> !answers.isEmpty());
      }
      // No hub has sent an allow-list: the card is genuine but not a rider, and is told so by its CardId.
      Tap.Card read = assertInstanceOf(Tap.Card.class, answers.getFirst().tap());
      assertEquals(CardIds.development().derive(card.material().userAuth()), read.cardId());
      assertEquals(new RideDecider.TapResult.Refused(RefusalReason.UNKNOWN), answers.getFirst().result());
      assertEquals(1, answers.size(), "one card laid on the reader is one tap");
    }
  }
}
