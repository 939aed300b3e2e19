package jp.mynaterm.cli.bench;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
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
final class BenchIssueCommand implements Callable<Integer> {
  private static final String PIN = VirtualResidentLinks.PIN;
  private static final String RESIDENT = "1";

  @Option(names = "--rounds", description = "Measured issuances (default: ${DEFAULT-VALUE}).", defaultValue = "20")
  int rounds;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1) throw new CommandFailure(ExitCodes.USAGE, "--rounds must be positive");
    Path dir = Files.createTempDirectory("mynaterm-bench-issue-");
    VirtualCardPki pki = VirtualCardPki.openOrCreate(Launch.virtualCardPki());
    TrustAnchors anchors = new TrustAnchors(List.of(pki.rootCertificate()));
    HubConfig hubConfig =
        ExampleConfigs.hub(dir.resolve("hub"), Map.of("broker.port", String.valueOf(freePort()), "http.port", String.valueOf(freePort())));
    // The city's hours decide nothing here: the hub's clock is moved to a weekday morning.
    try (Hub hub = Hub.start(hubConfig, OpenHoursClock.weekdayMorning(Clock.systemUTC(), hubConfig.issuance()))) {
      KioskConfig kioskConfig = ExampleConfigs.kiosk(dir.resolve("kiosk"), hub, Map.of("kiosk.ui.port", "0"));
      VirtualMyNumberCard virtual = VirtualMyNumberCard.forResident(pki, Resident.find(RESIDENT).orElseThrow(), PIN);
      try (Peripherals peripherals = Peripherals.open(kioskConfig.peripherals(), Launch.home());
          KioskTerminal kiosk = KioskTerminal.start(kioskConfig, "kiosk.yaml", Launch.home(), Launch.version(), anchors, peripherals, Clock.systemUTC());
          VirtualCardInPcscd inReader = BenchTapCommand.inReader(virtual, 1, "bench issue")) {
        linkAtTheCounter(hub, kiosk, pki);
        measure(kiosk.session());
      }
    } finally {
      BenchHub.deleteTree(dir);
    }
    return ExitCodes.OK;
  }

  private void measure(IssuanceSession session) {
    Map<Class<?>, Long> shown = new ConcurrentHashMap<>();
    session.onScreen(s -> shown.put(s.getClass(), System.nanoTime()));
    Percentiles issue = new Percentiles(rounds);
    Percentiles granted = new Percentiles(rounds);
    Percentiles paid = new Percentiles(rounds);
    Percentiles printed = new Percentiles(rounds);
    Percentiles cardAlone = new Percentiles(rounds);
    byte[] challenge = new byte[32];
    SecureRandom random = new SecureRandom();
    for (int i = -3; i < rounds; i++) { // three warm-up rounds
      shown.clear();
      issueOnce(session);
      random.nextBytes(challenge);
      long bare = cardOperationsAlone(challenge);
      if (i < 0) continue;
      long pinAccepted = shown.get(Screen.Working.class);
      issue.add(shown.get(Screen.TakeCertificate.class) - pinAccepted);
      granted.add(shown.get(Screen.Fee.class) - pinAccepted);
      paid.add(shown.get(Screen.PrintingTakeCard.class) - shown.get(Screen.Paying.class));
      printed.add(shown.get(Screen.TakeCertificate.class) - shown.get(Screen.PrintingTakeCard.class));
      cardAlone.add(bare);
    }
    System.out.printf("issue: %d issuances of 住民票の写し for resident %s; card in \"%s\" through pcscd; hub and broker in this process; file printer%n",
        rounds, RESIDENT, PcscDaemon.VPCD_SECOND_READER);
    System.out.printf("  PIN accepted -> card signs -> hub grants (fee shown): p50 %.1f ms p99 %.1f ms%n", granted.millis(50), granted.millis(99));
    System.out.printf("  payment (simulator): p50 %.1f ms; card released, PDF rendered and written, events durable: p50 %.1f ms p99 %.1f ms%n",
        paid.millis(50), printed.millis(50), printed.millis(99));
    System.out.printf("  baseline, the card operations alone (signature + release with reset, bare, same reader): p50 %.1f ms p99 %.1f ms; ratio %.2f%n",
        cardAlone.millis(50), cardAlone.millis(99), issue.millis(50) / cardAlone.millis(50));
    System.out.printf("issue rounds=%d p50_ms=%.1f p99_ms=%.1f card_p50_ms=%.1f%n", rounds, issue.millis(50), issue.millis(99), cardAlone.millis(50));
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
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (hub.lists().allowEntryOfMember(IssuanceService.RESIDENT_SERVICE, RESIDENT).isEmpty() || !kiosk.hubConnected()) {
      if (System.nanoTime() > deadline) throw new CommandFailure(ExitCodes.FAILURE, "the kiosk did not reach the bench hub within 30 s");
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
