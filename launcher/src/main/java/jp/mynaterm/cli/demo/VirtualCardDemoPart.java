package jp.mynaterm.cli.demo;

import java.time.Duration;
import java.util.List;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;

/**
 * The virtual cards' test PKI (var/cards) and pcscd with its vpcd reader, kept running for the whole
 * demo: the taxi watches "Virtual PCD 00 00", and `./mynaterm card tap` puts a resident's card into
 * it for one tap. The reader is left empty between taps; `./mynaterm card virtual` in another shell
 * keeps a card in it for `card info` and `card auth`. Without pcscd the demo goes on and says so.
 */
final class VirtualCardDemoPart implements DemoPart {
  @Override
  public List<String> start(DemoContext context) throws Exception {
    VirtualCardPki pki = VirtualCardPki.openOrCreate(Launch.virtualCardPki());
    context.put("cardPki", pki);
    if (PcscDaemon.ensureRunning(Duration.ofSeconds(15)) instanceof PcscDaemon.Availability.Unavailable u) {
      return List.of("virtual cards: pcscd NOT available - " + u.reason() + " (taps cannot be tried; the rest of the demo runs)");
    }
    return List.of(
        "virtual cards: test PKI " + pki.directory() + ", pcscd reader \"" + PcscDaemon.VPCD_READER + "\" empty (PIN of every card: 1234)",
        "virtual cards: a tap: ./mynaterm card tap --terminal taxi-1 --resident 3;"
            + " for card info / card auth keep one in: ./mynaterm card virtual --resident 1 (in another shell)");
  }

  @Override
  public void close() {
    // a pcscd started for the demo stops when the demo's JVM exits (PcscDaemon)
  }
}
