package jp.mynaterm.cli;

import java.time.Duration;
import java.util.List;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.CardIds;

/**
 * Resident 1's virtual My Number card in pcscd's vpcd reader, from the default test PKI (var/cards),
 * so `./mynaterm card info` and `card auth` work during the demo. Without pcscd the demo goes on
 * and says so.
 */
final class VirtualCardDemoPart implements DemoPart {
  private VirtualCardInPcscd inReader;

  @Override
  public List<String> start(DemoContext context) throws Exception {
    VirtualCardPki pki = VirtualCardPki.openOrCreate(CardCommand.defaultPkiDir());
    VirtualMyNumberCard card = VirtualMyNumberCard.forResident(pki, Resident.find("1").orElseThrow(), "1234");
    switch (VirtualCardInPcscd.open(card, Duration.ofSeconds(2))) {
      case VirtualCardInPcscd.Opening.Unavailable u -> {
        return List.of("virtual card: NOT started - " + u.reason() + " (the rest of the demo runs without it)");
      }
      case VirtualCardInPcscd.Opening.Ready r -> inReader = r.card();
    }
    context.put("virtualCard", inReader);
    return List.of(
        "virtual card: resident 1 in pcscd reader \"" + PcscDaemon.VPCD_READER + "\" (PIN 1234), cardId "
            + CardIds.development().derive(card.material().userAuth()) + " with the development key",
        "virtual card: try ./mynaterm card info, ./mynaterm card auth (trust anchors " + pki.trustAnchorsFile() + ")");
  }

  @Override
  public void close() {
    if (inReader != null) inReader.close();
  }
}
