package jp.mynaterm.cli.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.mynaterm.cli.ExampleConfigs;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.cli.VirtualResidentLinks;
import jp.mynaterm.cli.kiosk.KioskCommand;
import jp.mynaterm.config.KioskConfig;
import jp.mynaterm.hardware.Peripherals;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.kiosk.KioskTerminal;
import jp.mynaterm.protocol.card.TrustAnchors;

/**
 * The certificate kiosk kiosk-1 at a printed local address, on vpcd's second reader (the taxi keeps
 * the first) with resident 1's virtual card in it, printing into a folder. No resident visited a
 * counter: the hub finds each card's resident in the demo's register extract (the certificate the
 * city's card window issued), as コンビニ交付 needs no prior registration.
 */
final class KioskDemoPart implements DemoPart {
  static final String TERMINAL = "kiosk-1";
  private static final String PIN = VirtualResidentLinks.PIN;
  private static final String CARD_IN_READER = "1";
  private Peripherals peripherals;
  private KioskTerminal kiosk;
  private VirtualCardInPcscd card;

  @Override
  public List<String> start(DemoContext context) throws Exception {
    Hub hub = context.get("hub", Hub.class);
    VirtualCardPki pki = context.get("cardPki", VirtualCardPki.class);
    List<String> lines = new ArrayList<>();
    TrustAnchors anchors = new TrustAnchors(List.of(pki.rootCertificate()));

    var dir = context.dataRoot().resolve("kiosk");
    KioskConfig config = ExampleConfigs.kiosk(dir, hub, Map.of());
    peripherals = Peripherals.open(config.peripherals(), Launch.home());
    kiosk = KioskTerminal.start(config, "kiosk.yaml", Launch.home(), Launch.version(), anchors, peripherals, Clock.systemUTC());
    kiosk.watchReader();
    lines.add(KioskCommand.describe(kiosk, config));
    switch (VirtualCardInPcscd.open(VirtualMyNumberCard.forResident(pki, Resident.find(CARD_IN_READER).orElseThrow(), PIN), 1, Duration.ofSeconds(5))) {
      case VirtualCardInPcscd.Opening.Ready ready -> {
        card = ready.card();
        lines.add("kiosk: resident " + CARD_IN_READER + "'s card is in \"" + PcscDaemon.VPCD_SECOND_READER + "\" (PIN " + PIN + "); open http://127.0.0.1:"
            + kiosk.port() + "/ and click through; certificates are written as PDF to " + dir.resolve("certificates"));
      }
      case VirtualCardInPcscd.Opening.Unavailable u -> lines.add("kiosk: no virtual card in its reader - " + u.reason() + " (the page runs; a card cannot be read)");
    }
    return lines;
  }

  @Override
  public void close() {
    if (card != null) card.close();
    if (kiosk != null) kiosk.close();
    if (peripherals != null) peripherals.close();
  }
}
