package jp.mynaterm.agent.taxi;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.CapturedLogs;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.linking.CounterLinking;
import jp.mynaterm.agent.usage.AgentRecorder;
import jp.mynaterm.config.GpioSettings;
import jp.mynaterm.config.LibraryConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.config.TerminalSettings;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pcsc.Readers;
import jp.mynaterm.hardware.card.virtual.InProcessCard;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.hardware.gpio.Button;
import jp.mynaterm.hardware.gpio.GpioPanel;
import jp.mynaterm.hardware.health.PeripheralHealth;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CertificateKey;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.RefusalReason;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.event.ShiftClosed;
import jp.mynaterm.protocol.event.TapRefused;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The demand taxi end to end, in one JVM: a rider linked at a counter terminal, the allow-list on to
 * the vehicle, a tap while the vehicle is offline, the ride and its fare at the hub once the vehicle
 * is back; a certificate revoked at the hub refused on the vehicle. The rider's virtual card is once
 * in this process and once in pcscd's vpcd reader: the same card code above the transport either way.
 */
class TaxiEndToEndTest {
  private static final String PIN = "1234";
  private static final Duration SYNC = Duration.ofSeconds(20);
  @TempDir Path dir;

  @Test
  void aRiderLinkedAtTheCounterRidesOfflineAndIsRefusedOnceRevoked() throws Exception {
    ridesAndIsRefused(InProcess::new);
  }

  @Test
  @ResourceLock("vpcd")
  void theSameWithTheCardInPcscdsReader() throws Exception {
    ridesAndIsRefused(InPcscd::open);
  }

  /** How the rider's card meets the counter and the vehicle reader. */
  private interface RiderCard extends AutoCloseable {
    /** The card connected for the counter's staff. */
    MyNumberCard connect();

    /** The card laid on the taxi's reader. */
    TaxiTerminal.Answer tap(TaxiTerminal taxi);

    @Override
    default void close() {}
  }

  /** The virtual card connected in this process. */
  private record InProcess(VirtualMyNumberCard virtual) implements RiderCard {
    public MyNumberCard connect() {
      return new MyNumberCard(new InProcessCard(virtual), MyNumberCard.DEFAULT_TIMEOUT);
    }

    public TaxiTerminal.Answer tap(TaxiTerminal taxi) {
      return taxi.tap(connect());
    }
  }

  /** The virtual card in pcscd's vpcd reader, read over javax.smartcardio; the taxi reads it as it does in the car. */
  private record InPcscd(VirtualCardInPcscd inReader) implements RiderCard {
    static InPcscd open(VirtualMyNumberCard virtual) {
      return switch (VirtualCardInPcscd.open(virtual, Duration.ofMinutes(2))) {
        case VirtualCardInPcscd.Opening.Ready r -> new InPcscd(r.card());
        case VirtualCardInPcscd.Opening.Unavailable u -> throw RealComponent.PCSCD.missing(u.reason());
      };
    }

    public MyNumberCard connect() {
      return switch (Readers.ofThisJvm().connect(inReader.readerName()).map(MyNumberCard::new)) {
        case CardResult.Ok<MyNumberCard> ok -> ok.value();
        case CardResult.Failed<MyNumberCard> f -> throw new AssertionError("cannot connect to the rider's card: " + f.problem().describe());
      };
    }

    public TaxiTerminal.Answer tap(TaxiTerminal taxi) {
      return taxi.tapOn(inReader.readerName());
    }

    @Override
    public void close() {
      inReader.close();
    }
  }

  private void ridesAndIsRefused(java.util.function.Function<VirtualMyNumberCard, RiderCard> cards) throws Exception {
    int port = Rig.freePort();
    VirtualCardPki pki = VirtualCardPki.openOrCreate(dir.resolve("cards"));
    TrustAnchors anchors = new TrustAnchors(List.of(pki.rootCertificate()));
    VirtualMyNumberCard rider = VirtualMyNumberCard.forResident(pki, Resident.find("3").orElseThrow(), PIN);
    RiderCard card = cards.apply(rider);
    var hubConfig = Rig.hubConfig(dir.resolve("hub"), port);
    TaxiConfig taxiConfig = Rig.taxi(dir, "taxi-1", hubConfig);
    Rig.enroll(hubConfig, "counter-1", Role.LIBRARY, dir);
    Hub hub = Hub.start(hubConfig);
    Context gpio = GpioPanel.newContext(GpioSettings.DEFAULT);
    try (card;
        CapturedLogs logs = new CapturedLogs();
        GpioPanel panel = GpioPanel.open(GpioSettings.DEFAULT, gpio, new PeripheralHealth(), System::nanoTime);
        Agent counter = Agent.start(counterConfig(taxiConfig), "test");
        TaxiTerminal taxi = TaxiTerminal.start(taxiConfig, "test", "test", anchors, panel, panel.health(), Clock.systemUTC())) {
      // At the counter: card + PIN, a signed challenge verified there, a CardLinked event.
      HolderAuthentication staffCheck = new HolderAuthentication(new CardVerifier(anchors, new RevocationStore(), CardIds.development(), Clock.systemUTC()));
      MyNumberCard atCounter = card.connect();
      CounterLinking.Outcome linked;
      try {
        linked = new CounterLinking(RideDecider.SERVICE, staffCheck, new AgentRecorder(counter)).link(atCounter, PIN.toCharArray(), "R-0003", "child");
      } finally {
        atCounter.disconnect();
      }
      CardId cardId = assertInstanceOf(CounterLinking.Outcome.Linked.class, linked).cardId();
      await("the allow-list with the rider reaches the taxi").atMost(SYNC).until(() -> taxi.riders().find(cardId).isPresent());

      pressDriverButton(gpio);
      await("the driver's button opens a shift").atMost(SYNC).until(() -> taxi.rides().currentShift().isPresent());
      String shift = taxi.rides().currentShift().orElseThrow().id();

      hub.close(); // the vehicle drives out of coverage: no broker, no hub
      await("the taxi notices it is offline").atMost(SYNC).until(() -> !taxi.agent().stats().connected());
      TaxiTerminal.Answer offline = card.tap(taxi);
      assertEquals(new RideDecider.TapResult.Boarded("child", 150), offline.result());
      assertTrue(taxi.agent().outbox().depth() > 0, "the ride waits in the outbox");

      hub = Hub.start(hubConfig);
      Hub back = hub;
      await("the ride reaches the hub").atMost(SYNC).until(() -> !events(back, RideBoarded.class).isEmpty());
      await("the taxi's outbox empties").atMost(SYNC).until(() -> taxi.agent().outbox().depth() == 0);
      List<RideBoarded> rides = events(hub, RideBoarded.class);
      assertEquals(1, rides.size(), "exactly once: " + rides);
      assertEquals(cardId, rides.getFirst().cardId());
      assertEquals("child", rides.getFirst().fareClass());
      assertEquals(150, rides.getFirst().fareYen());

      String revoked = CertificateKey.of(rider.material().userAuth()).entry();
      hub.downlink().revoke(List.of(revoked), List.of());
      await("the revocation reaches the taxi").atMost(SYNC).until(() -> taxi.revocations().isRevoked(revoked));
      TaxiTerminal.Answer refused = card.tap(taxi);
      assertEquals(List.of(), logs.linesWithSerialOf(rider.material().userAuth()), "taps log CardIds, never certificate serials");
      assertEquals(new RideDecider.TapResult.Refused(RefusalReason.REVOKED), refused.result());
      await("the refusal reaches the hub").atMost(SYNC).until(() -> !events(back, TapRefused.class).isEmpty());
      TapRefused refusal = events(hub, TapRefused.class).getFirst();
      assertEquals(RefusalReason.REVOKED, refusal.reason());
      assertEquals(cardId, refusal.cardId(), "the hub sees which card was refused");
      assertEquals(1, events(hub, RideBoarded.class).size(), "no second ride for the refused tap");
      assertEquals(shift, rides.getFirst().shift());

      pressDriverButton(gpio);
      await("the shift's summary reaches the hub").atMost(SYNC).until(() -> !events(back, ShiftClosed.class).isEmpty());
      ShiftClosed summary = events(hub, ShiftClosed.class).getFirst();
      assertEquals(shift, summary.shift());
      assertEquals(1, summary.rides());
      assertEquals(Map.of("child", 150), summary.faresByClass());
    } finally {
      hub.close();
      gpio.shutdown();
    }
  }

  /** The ACKNOWLEDGE button (active low on the mock header): pressed and released. */
  private static void pressDriverButton(Context gpio) {
    MockDigitalInput button = gpio.io(Button.ACKNOWLEDGE.device());
    button.mockState(DigitalState.HIGH); // released first: the mock line may start low, and only a change is an edge
    button.mockState(DigitalState.LOW);
    button.mockState(DigitalState.HIGH);
  }

  /** A library counter on the same broker, where staff link the card. */
  private LibraryConfig counterConfig(TaxiConfig like) {
    return new LibraryConfig(
        Role.LIBRARY, Rig.CITY, new TerminalSettings("counter-1", dir.resolve("counter-1").toString(), Duration.ofHours(1), null), like.mqtt(), null, null, null, null, true);
  }

  /** The events of one type the hub stored from taxi-1, in order. */
  private static <T extends UsageEvent> List<T> events(Hub hub, Class<T> type) {
    List<T> out = new ArrayList<>();
    try {
      for (var e : hub.events().after("taxi-1", 0, List.of(EventTypes.of(type)), Integer.MAX_VALUE)) out.add(type.cast(e.record().event()));
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    return out;
  }
}
