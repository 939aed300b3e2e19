package jp.mynaterm.agent.taxi;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import jp.mynaterm.agent.members.MemberIndex;
import jp.mynaterm.agent.usage.UsageRecorder;
import jp.mynaterm.config.TaxiSettings;
import jp.mynaterm.hardware.gpio.Buzzer;
import jp.mynaterm.hardware.gpio.BuzzerPattern;
import jp.mynaterm.hardware.gpio.Indicators;
import jp.mynaterm.hardware.gpio.Light;
import jp.mynaterm.hardware.gpio.LightMode;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CertificateKey;
import jp.mynaterm.protocol.event.Location;
import jp.mynaterm.protocol.event.RefusalReason;
import jp.mynaterm.protocol.event.RideAlighted;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.event.ShiftClosed;
import jp.mynaterm.protocol.event.ShiftOpened;
import jp.mynaterm.protocol.event.TapRefused;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.TaxiManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a rider's tap on the demand taxi, offline, and answers it with a light and a beep. Every
 * boarding is committed to the outbox before the green light; a card that is unknown, suspended,
 * revoked or expired gets the red light, a distinct beep and a recorded reason, and so does a card
 * that boarded less than {@code taxi.repeatBoardingWindow} ago (a second tap is not a second ride).
 * It also keeps the driver's shift: the button opens and closes it; closing records the shift's summary. It reads no
 * card: {@link TaxiTerminal} reads one into a {@link Tap} and gives it here. Made by {@link #builder}.
 */
public final class RideDecider {
  private static final Logger log = LoggerFactory.getLogger(RideDecider.class);
  private static final DateTimeFormatter SHIFT_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  public static final String SERVICE = "taxi";

  /** What a tap came to. */
  public sealed interface TapResult {
    /**
     * @param booking the manifest's booking the tap matched, empty for a ride without one
     * @param late whether the booked rider boarded later than the hub's {@code taxi.lateAfter}
     */
    record Boarded(String fareClass, int fareYen, String booking, boolean late) implements TapResult {
      /** A ride without a booking. */
      public Boarded(String fareClass, int fareYen) {
        this(fareClass, fareYen, "", false);
      }
    }

    record Alighted() implements TapResult {}

    record Refused(RefusalReason reason) implements TapResult {}

    /** The ride could not be recorded (outbox full, storage failed): no boarding, a fault shown. */
    record Fault(String reason) implements TapResult {}
  }

  private final TaxiSettings settings;
  private final boolean alightingTap;
  private final MemberIndex riders;
  private final Predicate<CertificateKey> revoked;
  private final UsageRecorder recorder;
  private final Indicators lights;
  private final Buzzer buzzer;
  private final Supplier<Optional<Location>> location;
  private final ShiftStore shifts;
  private final Clock clock;
  private final ZoneId zone;
  private final Supplier<Optional<TaxiManifest>> manifest;
  /** The bookings boarded on this vehicle since it started: not waited for any more, their seats taken. */
  private final java.util.Set<String> boardedBookings = new java.util.HashSet<>();
  private Shift shift;
  private boolean listsOld;

  private RideDecider(Builder b) throws IOException {
    this.settings = b.settings;
    this.alightingTap = b.settings.alightingTap();
    this.riders = Objects.requireNonNull(b.riders, "riders");
    this.revoked = Objects.requireNonNull(b.revoked, "revoked");
    this.recorder = Objects.requireNonNull(b.recorder, "recorder");
    this.lights = Objects.requireNonNull(b.lights, "signals");
    this.buzzer = Objects.requireNonNull(b.buzzer, "signals");
    // Coarse here, where every ride is decided: no caller can put a GPS fix into a ride record.
    this.location = new RidePlaces(b.location, b.settings.stops(), b.settings.stopRadiusM());
    this.shifts = Objects.requireNonNull(b.shifts, "shifts");
    this.clock = b.clock;
    this.zone = b.zone;
    this.manifest = b.manifest;
    this.shift = shifts.load().orElse(null);
    showShiftState();
  }

  /** A decider for the vehicle {@code settings} describe; every part without a default must be given. */
  public static Builder builder(TaxiSettings settings) {
    return new Builder(Objects.requireNonNull(settings, "settings"));
  }

  /** The decider's parts: riders, revoked, recorder, signals and shifts are required. */
  public static final class Builder {
    private final TaxiSettings settings;
    private MemberIndex riders;
    private Predicate<CertificateKey> revoked;
    private UsageRecorder recorder;
    private Indicators lights;
    private Buzzer buzzer;
    private ShiftStore shifts;
    private Supplier<Optional<Location>> location = Optional::empty;
    private Clock clock = Clock.systemUTC();
    private ZoneId zone = ZoneId.systemDefault();
    private Supplier<Optional<TaxiManifest>> manifest = Optional::empty;

    private Builder(TaxiSettings settings) {
      this.settings = settings;
    }

    /** Who may ride: the service's allow-list. */
    public Builder riders(MemberIndex riders) {
      this.riders = riders;
      return this;
    }

    /** Whether a certificate (issuer and serial) is on the revocation list the vehicle last received. */
    public Builder revoked(Predicate<CertificateKey> revoked) {
      this.revoked = revoked;
      return this;
    }

    /** Where rides, refusals and shifts are committed before the answer. */
    public Builder recorder(UsageRecorder recorder) {
      this.recorder = recorder;
      return this;
    }

    /** How the answer is shown and sounded (a {@code GpioPanel} is both). */
    public Builder signals(Indicators lights, Buzzer buzzer) {
      this.lights = lights;
      this.buzzer = buzzer;
      return this;
    }

    /** Where the open shift survives a restart, committed with each ride, shift and alighting event. */
    public Builder shifts(ShiftStore shifts) {
      this.shifts = shifts;
      return this;
    }

    /** The vehicle's position (gpsd), empty where none is configured or fixed; none by default. */
    public Builder location(Supplier<Optional<Location>> location) {
      this.location = Objects.requireNonNull(location, "location");
      return this;
    }

    /** The vehicle's manifest from the hub (bookings and the walk-up rule); none by default: every rider with a fare rides. */
    public Builder manifest(Supplier<Optional<TaxiManifest>> manifest) {
      this.manifest = Objects.requireNonNull(manifest, "manifest");
      return this;
    }

    /** The time of taps and the zone of shift ids (local time); the system's by default. */
    public Builder clock(Clock clock, ZoneId zone) {
      this.clock = Objects.requireNonNull(clock, "clock");
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Loads the open shift, if one survived, and shows whether one is open. */
    public RideDecider build() throws IOException {
      return new RideDecider(this);
    }
  }

  public synchronized TapResult tap(Tap tap) {
    TapResult result = decide(tap);
    switch (result) {
      case TapResult.Boarded b -> answer(Light.GREEN, LightMode.STEADY, BuzzerPattern.OK);
      case TapResult.Alighted a -> answer(Light.GREEN, LightMode.BLINKING, BuzzerPattern.OK);
      case TapResult.Refused r -> answer(Light.RED, LightMode.STEADY, BuzzerPattern.REFUSED);
      case TapResult.Fault f -> answer(Light.RED, LightMode.BLINKING, BuzzerPattern.FAULT);
    }
    return result;
  }

  private TapResult decide(Tap tap) {
    return switch (tap) {
      case Tap.Unreadable u -> refuse(null, u.reason());
      case Tap.CertificateRejected r -> refuse(null, r.reason());
      case Tap.Card card -> decide(card);
    };
  }

  private TapResult decide(Tap.Card card) {
    if (settings.requirePin() && !card.pinVerified()) return refuse(card.cardId(), RefusalReason.PIN_REQUIRED);
    if (revoked.test(card.certificate())) return refuse(card.cardId(), RefusalReason.REVOKED);
    if (card.clockUnsynced()) log.warn("card {}: certificate dates checked against an unsynced clock (an expired card may pass)", card.cardId());
    if (!card.notAfter().isAfter(clock.instant())) return refuse(card.cardId(), RefusalReason.EXPIRED);
    Optional<AllowEntry> rider = riders.find(card.cardId());
    if (rider.isEmpty()) return refuse(card.cardId(), RefusalReason.UNKNOWN);
    if (rider.get().status() == MemberStatus.SUSPENDED) return refuse(card.cardId(), RefusalReason.SUSPENDED);
    try {
      ensureShift();
      String id = card.cardId().value();
      if (alightingTap && shift.onBoard().contains(id)) {
        record(new RideAlighted(card.cardId(), settings.vehicle(), shift.id(), location.get().orElse(null)), shift.alighted(id));
        return new TapResult.Alighted();
      }
      Instant now = clock.instant();
      if (shift.boardedWithin(id, settings.repeatBoardingWindow(), now).isPresent()) return refuse(card.cardId(), RefusalReason.ALREADY_BOARDED);
      String fareClass = rider.get().category().isEmpty() ? "adult" : rider.get().category();
      Integer fare = settings.fares().get(fareClass);
      if (fare == null) {
        // Charging some other class's fare would be a guess on the rider's account: refuse, and say why.
        log.warn("no fare configured for class '{}': boarding refused", fareClass);
        return refuse(card.cardId(), RefusalReason.UNKNOWN_FARE_CLASS);
      }
      Optional<TaxiManifest> held = manifest.get();
      Optional<TaxiManifest.Pickup> booked = held.flatMap(m -> booking(m, rider.get().member(), now));
      if (held.isPresent() && booked.isEmpty()) {
        // A tap without a booking: the hub's rule (taxi.walkUp), against the seats the manifest still holds for others now.
        if (held.get().walkUp().equals(TaxiManifest.REFUSE)) return refuse(card.cardId(), RefusalReason.NO_BOOKING);
        if (room(held.get(), now) <= 0) return refuse(card.cardId(), RefusalReason.NO_ROOM);
      }
      record(
          new RideBoarded(card.cardId(), settings.vehicle(), shift.id(), fareClass, fare, location.get().orElse(null), card.pinVerified()),
          shift.boarded(id, fareClass, fare, now, settings.repeatBoardingWindow()));
      if (booked.isEmpty()) return new TapResult.Boarded(fareClass, fare);
      boardedBookings.add(booked.get().booking());
      boolean late = now.toEpochMilli() > booked.get().windowStartMs() + held.get().lateAfterSeconds() * 1000;
      return new TapResult.Boarded(fareClass, fare, booked.get().booking(), late);
    } catch (UsageRecorder.RecorderFull e) {
      // Neither the ride nor the shift was stored: a second tap is the first ride, not a second one.
      log.error("ride not recorded: {}", e.getMessage());
      return new TapResult.Fault("outbox");
    }
  }

  /**
   * The rider's booking whose window holds the tap, as the hub matches it: from a window's length before
   * its start to the no-show time after its end; not one boarded already.
   */
  private Optional<TaxiManifest.Pickup> booking(TaxiManifest m, String member, Instant now) {
    long t = now.toEpochMilli();
    return m.pickups().stream()
        .filter(p -> p.member().equals(member) && !boardedBookings.contains(p.booking()))
        .filter(p -> p.windowStartMs() - (p.windowEndMs() - p.windowStartMs()) <= t && t <= p.windowEndMs() + m.noShowAfterSeconds() * 1000)
        .findFirst();
  }

  /** Seats free now: the vehicle's seats less the passengers still to be picked up in the windows open now. */
  private int room(TaxiManifest m, Instant now) {
    long t = now.toEpochMilli();
    int waited = m.pickups().stream()
        .filter(p -> p.windowStartMs() <= t && t < p.windowEndMs() && !boardedBookings.contains(p.booking()))
        .mapToInt(TaxiManifest.Pickup::passengers).sum();
    return m.seats() - waited;
  }

  /** The pick-ups still to come, soonest first, for the driver: not boarded here, window not past its no-show time. */
  public synchronized java.util.List<TaxiManifest.Pickup> nextPickups(int max) {
    Optional<TaxiManifest> m = manifest.get();
    if (m.isEmpty()) return java.util.List.of();
    long t = clock.millis();
    return m.get().pickups().stream()
        .filter(p -> !boardedBookings.contains(p.booking()) && p.windowEndMs() + m.get().noShowAfterSeconds() * 1000 >= t)
        .limit(max).toList();
  }

  private TapResult refuse(CardId card, RefusalReason reason) {
    try {
      recorder.record(new TapRefused(SERVICE, card, settings.vehicle(), reason));
    } catch (UsageRecorder.RecorderFull e) {
      log.warn("refusal ({}) not recorded: outbox full", reason);
    }
    return new TapResult.Refused(reason);
  }

  /** A rider tapped without a shift open: the driver forgot; the rider is not held up for it. */
  private void ensureShift() throws UsageRecorder.RecorderFull {
    if (shift == null) openShift();
  }

  /** The driver's button: opens a shift, or closes the open one with its summary. */
  public synchronized Optional<Shift> shiftButton() {
    try {
      if (shift == null) {
        openShift();
        buzzer.play(BuzzerPattern.ATTENTION);
        showShiftState();
        return Optional.of(shift);
      }
      Shift closing = shift;
      shifts.record(new ShiftClosed(settings.vehicle(), closing.id(), closing.rides(), closing.ridesByClass(), closing.faresByClass()), Optional.empty());
      shift = null;
      buzzer.play(BuzzerPattern.ATTENTION);
      showShiftState();
      return Optional.of(closing);
    } catch (UsageRecorder.RecorderFull e) {
      log.error("shift change not recorded: {}", e.getMessage());
      answer(Light.RED, LightMode.BLINKING, BuzzerPattern.FAULT);
      return Optional.empty();
    }
  }

  /**
   * Whether the lists the decider checks against are too old or unreadable ({@code ListAges}): the
   * driver is told by the amber light blinking between riders, and one attention beep when it starts.
   */
  public synchronized void listsOld(boolean old) {
    if (old == listsOld) return;
    listsOld = old;
    if (old) {
      log.warn("the revocation or riders' list is old or unreadable: amber blinks for the driver");
      buzzer.play(BuzzerPattern.ATTENTION);
    }
    showShiftState();
  }

  public synchronized Optional<Shift> currentShift() {
    return Optional.ofNullable(shift);
  }

  /** Between riders: the tap's answer goes out, and amber shows the shift's and the lists' state. */
  public synchronized void idle() {
    lights.allOff();
    showShiftState();
  }

  private void openShift() throws UsageRecorder.RecorderFull {
    String id = settings.vehicle() + "-" + SHIFT_ID.format(clock.instant().atZone(zone));
    record(new ShiftOpened(settings.vehicle(), id), Shift.open(id));
  }

  /** Commits the event with the shift it leaves; the shift in memory changes only once both are on disk. */
  private void record(jp.mynaterm.protocol.event.UsageEvent event, Shift next) throws UsageRecorder.RecorderFull {
    shifts.record(event, Optional.of(next));
    shift = next;
  }

  /** Amber: steady while no shift is open, blinking while the lists are old or unreadable, else off. */
  private void showShiftState() {
    lights.show(Light.AMBER, listsOld ? LightMode.BLINKING : shift == null ? LightMode.STEADY : LightMode.OFF);
  }

  private void answer(Light light, LightMode mode, BuzzerPattern sound) {
    lights.allOff();
    lights.show(light, mode);
    buzzer.play(sound);
  }

}
