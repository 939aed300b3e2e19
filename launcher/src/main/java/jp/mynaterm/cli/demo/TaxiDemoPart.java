package jp.mynaterm.cli.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import jp.mynaterm.cli.ExampleConfigs;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.taxi.RideDecider;
import jp.mynaterm.agent.taxi.TaxiTerminal;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.cli.VirtualResidentLinks;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.gpio.GpioPanel;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.protocol.card.CertificateKey;
import jp.mynaterm.protocol.card.TrustAnchors;

/**
 * The demand taxi taxi-1 on the vpcd reader, with riders set up the real way: residents 1-4 linked
 * at the library agent's counter (card + PIN, signed challenge verified), resident 5 left unknown,
 * resident 6's certificate revoked at the hub. Every tap is printed as the reader answers it.
 */
final class TaxiDemoPart implements DemoPart {
  static final String TERMINAL = "taxi-1";
  /** Resident id → fare class for the demo's riders; resident 5 is not linked. */
  private static final Map<String, String> RIDERS = Map.of("1", "senior", "2", "adult", "3", "child", "4", "disability");
  private static final String REVOKED_RESIDENT = "6";
  /** The demo rider's booking password (development only; a real one is chosen at the counter). */
  private static final String DEMO_PASSWORD = "demo-rider-1";
  private TaxiTerminal taxi;

  @Override
  public List<String> start(DemoContext context) throws Exception {
    Hub hub = context.get("hub", Hub.class);
    Agent counter = context.get("agent.library", Agent.class);
    VirtualCardPki pki = context.get("cardPki", VirtualCardPki.class);
    List<String> lines = new ArrayList<>();
    ConfigLoader loader =
        Launch.loaderWith(
            Map.of(
                ConfigLoader.envName("terminal.dataDir"), context.dataRoot().resolve("taxi").toString(),
                ConfigLoader.envName("mqtt.url"), hub.brokerUrl(),
                ConfigLoader.envName("card.reader"), PcscDaemon.VPCD_READER,
                ConfigLoader.envName("taxi.display.port"), "0",
                ConfigLoader.envName("development"), "true"));
    TaxiConfig config = loader.load(context.examples().resolve("taxi.yaml"), TaxiConfig.class);
    ExampleConfigs.enroll(hub.config(), config);
    GpioPanel panel = context.get("taxi.gpio", GpioPanel.class);
    TrustAnchors anchors = new TrustAnchors(List.of(pki.rootCertificate()));
    taxi = TaxiTerminal.start(config, "taxi.yaml", Launch.version(), anchors, panel, panel.health(), Clock.systemUTC());

    var riders = new java.util.TreeMap<>(RIDERS);
    VirtualResidentLinks.link(counter, pki, RideDecider.SERVICE, riders).forEach((resident, outcome) ->
        lines.add("taxi rider: resident " + resident + " linked at counter " + counter.terminal() + " as member " + resident + " (" + RIDERS.get(resident) + "): " + outcome));
    String revoked = CertificateKey.of(pki.cardFor(Resident.find(REVOKED_RESIDENT).orElseThrow()).userAuth()).entry();
    hub.downlink().revoke(List.of(revoked), List.of());
    lines.add("taxi rider: resident 5 not linked (unknown); resident " + REVOKED_RESIDENT + "'s certificate revoked at the hub");

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline && (taxi.riders().size() < RIDERS.size() || taxi.revocations().size() < 1)) {
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the links go counter → hub → taxi, bounded
    }
    taxi.onAnswer(a -> System.out.println("  [" + TERMINAL + " tap] " + describe(a.result()) + " in " + a.took().toMillis() + " ms"));
    taxi.watchReaders();
    lines.add("taxi " + taxi.agent().terminal() + " (vehicle " + config.taxi().vehicle() + "): " + taxi.riders().size() + " riders, "
        + taxi.revocations().size() + " revoked serials; watching \"" + PcscDaemon.VPCD_READER + "\"; the driver's button opens/closes the shift");
    taxi.displayPort().ifPresent(port -> lines.add("taxi driver display: http://127.0.0.1:" + port + "/ (fare or refusal in large text, next pick-ups)"));
    // Resident 1 books on the hub's page with the password staff set at the counter when the card was linked.
    try {
      hub.taxiRiders().setPassword("1", DEMO_PASSWORD);
      hub.httpPort().ifPresent(port -> lines.add("taxi booking: http://" + hub.config().http().host() + ":" + port + "/taxi (rider 1, password " + DEMO_PASSWORD
          + "); operators: /console/taxi (role taxi-operator)"));
      lines.add("taxi passkeys: signed in at " + hub.config().taxi().passkeyOrigin(hub.config().console(), hub.config().http().port())
          + "/taxi (the origin they are bound to), a rider registers one and signs in with it next time");
    } catch (IllegalArgumentException e) {
      lines.add("taxi booking: rider 1 not registered yet (" + e.getMessage() + ")");
    }
    lines.add("taxi: tap with ./mynaterm card tap --terminal " + TERMINAL + " --resident 3 (in another shell)");
    return lines;
  }

  static String describe(RideDecider.TapResult result) {
    return switch (result) {
      case RideDecider.TapResult.Boarded b -> "boarded: fare class " + b.fareClass() + ", ¥" + b.fareYen();
      case RideDecider.TapResult.Alighted a -> "alighted";
      case RideDecider.TapResult.Refused r -> "refused: " + r.reason().wire();
      case RideDecider.TapResult.Fault f -> "fault: " + f.reason();
    };
  }

  @Override
  public void close() {
    if (taxi != null) taxi.close();
  }
}
