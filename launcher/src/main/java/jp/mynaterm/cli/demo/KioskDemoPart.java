package jp.mynaterm.cli.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import jp.mynaterm.agent.Agent;
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
import jp.mynaterm.hub.issuance.IssuanceService;
import jp.mynaterm.kiosk.KioskTerminal;
import jp.mynaterm.protocol.card.TrustAnchors;

/**
 * The certificate kiosk kiosk-1 at a printed local address, on vpcd's second reader (the taxi keeps
 * the first) with resident 1's virtual card in it, printing into a folder. The virtual residents'
 * cards are linked to their entries in the resident register at the library agent's counter, as
 * the city's counter staff would (card + PIN), so the hub finds the resident behind each card.
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
    Agent counter = context.get("agent.library", Agent.class);
    VirtualCardPki pki = context.get("cardPki", VirtualCardPki.class);
    List<String> lines = new ArrayList<>();
    TrustAnchors anchors = new TrustAnchors(List.of(pki.rootCertificate()));
    List<Resident> residents = Resident.all();
    Map<String, String> everyone = new java.util.LinkedHashMap<>();
    residents.forEach(r -> everyone.put(r.id(), "resident"));
    VirtualResidentLinks.link(counter, pki, IssuanceService.RESIDENT_SERVICE, everyone);
    awaitLinked(hub, residents.size());
    lines.add("kiosk residents: the virtual residents' cards linked to the resident register at counter " + counter.terminal() + " (the hub finds the resident behind each card)");

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

  /** The links go counter → hub; the kiosk's first resident should not find them missing. */
  private static void awaitLinked(Hub hub, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      int linked = 0;
      for (Resident r : Resident.all()) {
        if (hub.lists().allowEntryOfMember(IssuanceService.RESIDENT_SERVICE, r.id()).isPresent()) linked++;
      }
      if (linked == count) return;
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  @Override
  public void close() {
    if (card != null) card.close();
    if (kiosk != null) kiosk.close();
    if (peripherals != null) peripherals.close();
  }
}
