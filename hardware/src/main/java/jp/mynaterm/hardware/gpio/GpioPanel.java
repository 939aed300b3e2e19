package jp.mynaterm.hardware.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import jp.mynaterm.config.GpioPin;
import jp.mynaterm.config.GpioSettings;
import jp.mynaterm.hardware.health.PeripheralHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's lights, buzzer and buttons on the GPIO header, through Pi4J. Each device is opened
 * on its own: one that cannot be opened (pin busy, no GPIO chip) is logged once, reported in
 * {@link PeripheralHealth}, and left out, and the terminal goes on with the others.
 *
 * <p>Every output change runs on one timer thread, so blinking, buzzer patterns and calls from the
 * application never interleave half-way; {@link #watch} sees the changes in the order they happen.
 */
public final class GpioPanel implements Indicators, Buzzer, Buttons, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GpioPanel.class);
  static final Duration BLINK_HALF_PERIOD = Duration.ofMillis(500);
  static final String BUZZER = "buzzer";

  private final Context context;
  private final boolean ownsContext;
  private final PeripheralHealth health;
  private final Map<Light, Line> lights = new EnumMap<>(Light.class);
  private final Map<Light, ScheduledFuture<?>> blinking = new EnumMap<>(Light.class);
  private Line buzzer;
  private ScheduledFuture<?> buzzing;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("gpio-timer").factory());
  private final List<Consumer<StateChange>> watchers = new CopyOnWriteArrayList<>();
  private final List<Consumer<Button>> pressHandlers = new CopyOnWriteArrayList<>();

  private GpioPanel(Context context, boolean ownsContext, PeripheralHealth health) {
    this.context = context;
    this.ownsContext = ownsContext;
    this.health = health;
  }

  /**
   * Opens the header the settings name (gpiod, mock or none). Never throws for a missing or busy
   * device: see {@link PeripheralHealth}.
   */
  public static GpioPanel open(GpioSettings settings, PeripheralHealth health) {
    if (settings.provider().equals("none")) return new GpioPanel(null, false, health);
    Context context;
    try {
      context = newContext(settings);
    } catch (RuntimeException | LinkageError e) {
      String problem = "no GPIO (" + settings.provider() + "): " + describe(e);
      log.error("GPIO unavailable, running without lights, buzzer and buttons: {}", problem);
      devices(settings).forEach((device, pin) -> health.problem(device, problem));
      return new GpioPanel(null, false, health);
    }
    GpioPanel panel = new GpioPanel(context, true, health);
    panel.attach(settings, System::nanoTime);
    return panel;
  }

  /** On a context the caller made and shuts down (tests drive Pi4J's mock through it). */
  public static GpioPanel open(GpioSettings settings, Context context, PeripheralHealth health, LongSupplier nanoTime) {
    GpioPanel panel = new GpioPanel(context, false, health);
    panel.attach(settings, nanoTime);
    return panel;
  }

  /** A Pi4J context holding only the digital I/O providers the settings ask for. */
  public static Context newContext(GpioSettings settings) {
    var builder = Pi4J.newContextBuilder().noAutoDetect();
    if (settings.provider().equals("gpiod")) {
      builder.add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance());
      if (!settings.chip().isEmpty()) builder.setGpioChipName(settings.chip());
      // The gpiod provider opens the chip only when the first pin is created: check here, so a
      // machine without GPIO gives one error at start instead of one per device.
      requireGpioChip(settings.chip());
      return builder.build();
    }
    return builder.add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
  }

  private static void requireGpioChip(String chip) {
    Path dev = Path.of("/dev");
    boolean present;
    if (!chip.isEmpty()) {
      present = Files.exists(dev.resolve(chip));
    } else {
      try (var chips = Files.list(dev)) {
        present = chips.anyMatch(p -> p.getFileName().toString().startsWith("gpiochip"));
      } catch (IOException e) {
        present = false;
      }
    }
    if (!present) throw new IllegalStateException("no GPIO chip " + (chip.isEmpty() ? "/dev/gpiochip*" : "/dev/" + chip));
  }

  private void attach(GpioSettings settings, LongSupplier nanoTime) {
    openLight(Light.GREEN, settings.green());
    openLight(Light.AMBER, settings.amber());
    openLight(Light.RED, settings.red());
    if (settings.buzzer() != null) buzzer = openOutput(BUZZER, settings.buzzer());
    openButton(Button.CALL_STAFF, settings.callStaff(), settings.debounce(), nanoTime);
    openButton(Button.CANCEL, settings.cancel(), settings.debounce(), nanoTime);
    openButton(Button.ACKNOWLEDGE, settings.acknowledge(), settings.debounce(), nanoTime);
  }

  private void openLight(Light light, GpioPin pin) {
    if (pin == null) return;
    Line line = openOutput(light.device(), pin);
    if (line != null) lights.put(light, line);
  }

  private Line openOutput(String device, GpioPin pin) {
    try {
      refuseBusy(pin);
      DigitalState off = pin.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
      DigitalOutput output =
          context.create(DigitalOutput.newConfigBuilder(context).id(device).name(device).address(pin.bcm())
              .initial(off).shutdown(off));
      health.ok(device);
      return new Line(device, pin, output);
    } catch (RuntimeException | LinkageError e) {
      unavailable(device, pin, e);
      return null;
    }
  }

  private void openButton(Button button, GpioPin pin, Duration debounce, LongSupplier nanoTime) {
    if (pin == null) return;
    String device = button.device();
    try {
      refuseBusy(pin);
      DigitalInput input =
          context.create(DigitalInput.newConfigBuilder(context).id(device).name(device).address(pin.bcm())
              .pull(pin.activeLow() ? PullResistance.PULL_UP : PullResistance.PULL_DOWN));
      Debouncer debouncer = new Debouncer(debounce, nanoTime);
      input.addListener(event -> {
        boolean pressed = (event.state() == DigitalState.HIGH) != pin.activeLow();
        if (pressed && debouncer.accept()) pressed(button);
      });
      health.ok(device);
    } catch (RuntimeException | LinkageError e) {
      unavailable(device, pin, e);
    }
  }

  /** Pi4J keys its registry by id, so a second device on one pin would go unnoticed until wired wrong. */
  private void refuseBusy(GpioPin pin) {
    for (Map.Entry<String, ?> io : context.registry().all().entrySet()) {
      if (io.getValue() instanceof com.pi4j.io.gpio.Gpio<?, ?, ?> gpio && gpio.address() != null && gpio.address() == pin.bcm()) {
        throw new IllegalStateException("pin busy: GPIO " + pin.bcm() + " is already in use by " + io.getKey());
      }
    }
  }

  private void unavailable(String device, GpioPin pin, Throwable e) {
    String problem = "GPIO " + pin.bcm() + ": " + describe(e);
    log.error("{} unavailable, running without it: {}", device, problem);
    health.problem(device, problem);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static Map<String, GpioPin> devices(GpioSettings s) {
    Map<String, GpioPin> devices = new java.util.LinkedHashMap<>();
    if (s.green() != null) devices.put(Light.GREEN.device(), s.green());
    if (s.amber() != null) devices.put(Light.AMBER.device(), s.amber());
    if (s.red() != null) devices.put(Light.RED.device(), s.red());
    if (s.buzzer() != null) devices.put(BUZZER, s.buzzer());
    if (s.callStaff() != null) devices.put(Button.CALL_STAFF.device(), s.callStaff());
    if (s.cancel() != null) devices.put(Button.CANCEL.device(), s.cancel());
    if (s.acknowledge() != null) devices.put(Button.ACKNOWLEDGE.device(), s.acknowledge());
    return devices;
  }

  /** Sees every change of a light or the buzzer, and each accepted button press. */
  public void watch(Consumer<StateChange> watcher) {
    watchers.add(watcher);
  }

  public boolean has(Light light) {
    return lights.containsKey(light);
  }

  public boolean hasBuzzer() {
    return buzzer != null;
  }

  public PeripheralHealth health() {
    return health;
  }

  @Override
  public void show(Light light, LightMode mode) {
    Line line = lights.get(light);
    if (line == null) return;
    onTimer(() -> {
      ScheduledFuture<?> blink = blinking.remove(light);
      if (blink != null) blink.cancel(false);
      switch (mode) {
        case OFF -> line.set(false);
        case STEADY -> line.set(true);
        case BLINKING -> blinking.put(light, timer.scheduleAtFixedRate(
            () -> line.set(!line.on), 0, BLINK_HALF_PERIOD.toMillis(), TimeUnit.MILLISECONDS));
      }
    });
  }

  @Override
  public void play(BuzzerPattern pattern) {
    if (buzzer == null) return;
    onTimer(() -> {
      if (buzzing != null) buzzing.cancel(false);
      buzzer.set(false);
      step(pattern.steps(), 0);
    });
  }

  /** Step i of a pattern: even steps sound, odd ones are silent; off after the last. */
  private void step(List<Duration> steps, int i) {
    if (i >= steps.size()) {
      buzzer.set(false);
      buzzing = null;
      return;
    }
    buzzer.set(i % 2 == 0);
    buzzing = timer.schedule(() -> step(steps, i + 1), steps.get(i).toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The power-on check riders and drivers know from card readers: red, amber and green each light
   * for a moment, then the ok beep, ending with green steady (ready). A dead lamp shows here.
   */
  public void selfTest() {
    Duration each = Duration.ofMillis(300);
    List<Light> order = List.of(Light.RED, Light.AMBER, Light.GREEN);
    for (int i = 0; i < order.size(); i++) {
      Light light = order.get(i);
      later(each.multipliedBy(i), () -> show(light, LightMode.STEADY));
      if (light != Light.GREEN) later(each.multipliedBy(i + 1), () -> show(light, LightMode.OFF));
    }
    later(each.multipliedBy(order.size()), () -> play(BuzzerPattern.OK));
  }

  private void later(Duration delay, Runnable action) {
    if (!timer.isShutdown()) timer.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void onPress(Consumer<Button> handler) {
    pressHandlers.add(handler);
  }

  private void pressed(Button button) {
    log.info("button pressed: {}", button.device());
    publish(new StateChange(button.device(), true, Instant.now()));
    for (Consumer<Button> handler : pressHandlers) {
      try {
        handler.accept(button);
      } catch (RuntimeException e) {
        log.warn("handler for {} failed", button.device(), e);
      }
    }
  }

  private void onTimer(Runnable change) {
    if (!timer.isShutdown()) timer.execute(change);
  }

  private void publish(StateChange change) {
    for (Consumer<StateChange> watcher : watchers) watcher.accept(change);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      // A change already running finishes before the lines are turned off below.
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lights.values().forEach(line -> line.set(false));
    if (buzzer != null) buzzer.set(false);
    if (ownsContext && context != null) context.shutdown();
  }

  /** One output pin with its active level; remembers its logical state to toggle and to log changes. */
  private final class Line {
    private final String device;
    private final GpioPin pin;
    private final DigitalOutput output;
    private volatile boolean on;
    private boolean failed;

    Line(String device, GpioPin pin, DigitalOutput output) {
      this.device = device;
      this.pin = pin;
      this.output = output;
    }

    void set(boolean on) {
      if (on == this.on) return;
      try {
        output.state(on != pin.activeLow() ? DigitalState.HIGH : DigitalState.LOW);
      } catch (RuntimeException e) {
        if (!failed) {
          failed = true;
          unavailable(device, pin, e);
        }
        return;
      }
      this.on = on;
      publish(new StateChange(device, on, Instant.now()));
    }
  }
}
