package jp.mynaterm.cli.bench;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExampleConfigs;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.cli.VirtualResidentLinks;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.KioskConfig;
import jp.mynaterm.hardware.Peripherals;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.pcsc.Readers;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.issuance.IssuanceService;
import jp.mynaterm.hub.issuance.OpenHoursClock;
import jp.mynaterm.kiosk.KioskTerminal;
import jp.mynaterm.kiosk.flow.IssuanceSession;
import jp.mynaterm.kiosk.flow.Screen;
import jp.mynaterm.protocol.card.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Certificate issuances on this machine, timed from "PIN accepted" to "print job accepted": the
 * card's signature over the hub's challenge, the request over MQTT 5 to the hub (chain, revocation,
 * signature, resident, rules, document, issuing signature), the kiosk's checks of digest and issuing
 * signature, the simulated payment, the PDF rendered and written by the file printer, and the
 * events made durable. The baseline, measured in the same run on the same reader, is the card
 * operations inside that span — the signature and the card's release — done bare.
 */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description = {
      "Certificate issuances from PIN accepted to print job accepted (kiosk, hub and broker in this process,",
      "the virtual card in pcscd's second vpcd reader, the file printer), against the card operations alone."
    })
final class BenchIssueCommand extends Benchmark {
  private static final String PIN = VirtualResidentLinks.PIN;
  private static final String RESIDENT = "1";

  @Option(names = "--rounds", description = "Measured issuances (default: ${DEFAULT-VALUE}).", defaultValue = "20")
  int rounds;

  @Override
  ResultLine measure() throws Exception {
    if (rounds < 1) throw new CommandFailure(ExitCodes.USAGE, "--rounds must be positive");
    VirtualCardPki pki = VirtualCardPki.openOrCreate(Launch.virtualCardPki());
    TrustAnchors anchors = new TrustAnchors(List.of(pki.rootCertificate()));
    VirtualMyNumberCard virtual = VirtualMyNumberCard.forResident(pki, Resident.find(RESIDENT).orElseThrow(), PIN);
    try (Scratch dir = Scratch.create("issue");
        Hub hub = startHub(dir)) {
      KioskConfig kioskConfig = ExampleConfigs.kiosk(dir.resolve("kiosk"), hub, Map.of("kiosk.ui.port", "0"));
      try (Peripherals peripherals = Peripherals.open(kioskConfig.peripherals(), Launch.home());
          KioskTerminal kiosk = KioskTerminal.start(kioskConfig, "kiosk.yaml", Launch.home(), Launch.version(), anchors, peripherals, Clock.systemUTC());
          VirtualCardInPcscd inReader = VirtualCardBench.inReader(virtual, 1, "bench issue")) {
        linkAtTheCounter(hub, kiosk, pki);
        return timeIssuances(kiosk.session());
      }
    }
  }

  /** The example hub with its data in {@code dir}, on free ports; the city's hours decide nothing here: its clock is moved to a weekday morning. */
  private static Hub startHub(Scratch dir) throws java.io.IOException {
    HubConfig config = ExampleConfigs.hub(
        dir.resolve("hub"), Map.of("broker.port", String.valueOf(Scratch.freePort()), "http.port", String.valueOf(Scratch.freePort())));
    ExampleConfigs.hubPki(config); // the TLS-only broker needs the city's terminal CA before it starts
    return Hub.start(config, OpenHoursClock.weekdayMorning(Clock.systemUTC(), config.issuance()));
  }

  private ResultLine timeIssuances(IssuanceSession session) throws Exception {
    Map<Class<?>, Long> shown = new ConcurrentHashMap<>();
    session.onScreen(s -> shown.put(s.getClass(), System.nanoTime()));
    byte[] challenge = new byte[32];
    SecureRandom random = new SecureRandom();
    Rounds timed = Rounds.run(rounds, r -> {
      shown.clear();
      issueOnce(session);
      random.nextBytes(challenge);
      r.add("card alone", cardOperationsAlone(challenge));
      long pinAccepted = shown.get(Screen.Working.class);
      r.add("issue", shown.get(Screen.TakeCertificate.class) - pinAccepted);
      r.add("granted", shown.get(Screen.Fee.class) - pinAccepted);
      r.add("paid", shown.get(Screen.PrintingTakeCard.class) - shown.get(Screen.Paying.class));
      r.add("printed", shown.get(Screen.TakeCertificate.class) - shown.get(Screen.PrintingTakeCard.class));
    });
    Percentiles issue = timed.of("issue");
    Percentiles granted = timed.of("granted");
    Percentiles paid = timed.of("paid");
    Percentiles printed = timed.of("printed");
    Percentiles cardAlone = timed.of("card alone");
    System.out.printf("issue: %d issuances of 住民票の写し for resident %s; card in \"%s\" through pcscd; hub and broker in this process; file printer%n",
        rounds, RESIDENT, PcscDaemon.VPCD_SECOND_READER);
    System.out.printf("  PIN accepted -> card signs -> hub grants (fee shown): p50 %.1f ms p99 %.1f ms%n", granted.millis(50), granted.millis(99));
    System.out.printf("  payment (simulator, journaled): p50 %.1f ms; PDF (laid out from the grant on) written, journal and events durable, card released beside it: p50 %.1f ms p99 %.1f ms%n",
        paid.millis(50), printed.millis(50), printed.millis(99));
    System.out.printf("  baseline, the card operations alone (signature + release with reset, bare, same reader): p50 %.1f ms p99 %.1f ms; ratio %.2f%n",
        cardAlone.millis(50), cardAlone.millis(99), issue.millis(50) / cardAlone.millis(50));
    return ResultLine.of("issue").count("rounds", rounds).latency(issue).figure("card_p50_ms", cardAlone.millis(50), 1)
        .figure("ratio", issue.millis(50) / cardAlone.millis(50), 2);
  }

  /** One resident's visit, as the page would drive it; any other screen than the expected one fails the benchmark. */
  private static void issueOnce(IssuanceSession session) {
    session.chooseLanguage("ja");
    session.chooseType("juminhyo");
    session.chooseOptions(Map.of(), 1);
    expect(session.cardPresent(), Screen.EnterPin.class);
    expect(session.enterPin(PIN.toCharArray()), Screen.Fee.class);
    expect(session.pay(), Screen.TakeCertificate.class);
    session.finish();
    session.restart();
  }

  private static void expect(Screen screen, Class<? extends Screen> expected) {
    if (!expected.isInstance(screen)) {
      throw new CommandFailure(ExitCodes.FAILURE, "the kiosk showed " + screen + " where " + expected.getSimpleName() + " was expected");
    }
  }

  /**
   * The card operations inside the measured span, bare: the signature, and the release (a reset, so
   * the verified PIN does not outlive the session). One VERIFY first, not timed.
   */
  private static long cardOperationsAlone(byte[] challenge) {
    MyNumberCard card = switch (Readers.ofThisJvm().connect(PcscDaemon.VPCD_SECOND_READER).map(MyNumberCard::new)) {
      case CardResult.Ok<MyNumberCard> ok -> ok.value();
      case CardResult.Failed<MyNumberCard> f -> throw new CommandFailure(ExitCodes.FAILURE, "cannot connect to the virtual card: " + f.problem().describe());
    };
    if (!(card.verifyUserAuthPin(PIN.toCharArray()) instanceof CardResult.Ok<Boolean>)) {
      card.disconnect();
      throw new CommandFailure(ExitCodes.FAILURE, "the virtual card refused its PIN");
    }
    long t = System.nanoTime();
    boolean signed = card.signWithUserAuth(challenge) instanceof CardResult.Ok<byte[]>;
    card.disconnect();
    long took = System.nanoTime() - t;
    if (!signed) throw new CommandFailure(ExitCodes.FAILURE, "the virtual card did not sign");
    return took;
  }

  /** The resident's card linked to the register as the counter does it, and the link at the hub. */
  private static void linkAtTheCounter(Hub hub, KioskTerminal kiosk, VirtualCardPki pki) throws Exception {
    VirtualResidentLinks.link(kiosk.agent(), pki, IssuanceService.RESIDENT_SERVICE, Map.of(RESIDENT, "resident"));
    Await.until(Duration.ofSeconds(30), () -> hub.lists().allowEntryOfMember(IssuanceService.RESIDENT_SERVICE, RESIDENT).isPresent() && kiosk.hubConnected(),
        "the kiosk reaches the bench hub and the resident's link arrives there");
  }
}
