package jp.mynaterm.hardware.gpio;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import jp.mynaterm.config.GpioPin;
import jp.mynaterm.config.GpioSettings;
import jp.mynaterm.hardware.health.PeripheralHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives Pi4J's mock header and follows the pins' levels as the panel changes them. */
class GpioPanelTest {
  /** Green active-high, amber active-low (a relay board), buzzer, and a driver button to ground. */
  private static final GpioSettings WIRING =
      new GpioSettings("mock", null,
          GpioPin.activeHigh(17), GpioPin.activeLow(27), GpioPin.activeHigh(22), GpioPin.activeHigh(18),
          GpioPin.activeLow(23), null, GpioPin.activeLow(25), Duration.ofMillis(50));

  private Context context;
  private final PeripheralHealth health = new PeripheralHealth();
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  /** Pin levels as Pi4J saw them, in order: "green-light HIGH", … */
  private final List<String> levels = new CopyOnWriteArrayList<>();

  @BeforeEach
  void mockHeader() {
    context = GpioPanel.newContext(WIRING);
  }

  @AfterEach
  void shutdown() {
    context.shutdown();
  }

  private GpioPanel open(GpioSettings settings) {
    GpioPanel panel = GpioPanel.open(settings, context, health, nanos::get);
    for (String id : List.of("green-light", "amber-light", "red-light", "buzzer")) {
      if (context.registry().exists(id)) {
        DigitalOutput out = context.io(id);
        out.addListener(e -> levels.add(id + " " + e.state()));
      }
    }
    return panel;
  }

  private List<String> levelsOf(String device) {
    return levels.stream().filter(l -> l.startsWith(device + " ")).map(l -> l.substring(device.length() + 1)).toList();
  }

  @Test
  void lightsStartOffAtTheirActiveLevelAndFollowCommands() {
    try (GpioPanel panel = open(WIRING)) {
      DigitalOutput green = context.io("green-light");
      DigitalOutput amber = context.io("amber-light");
      assertEquals(DigitalState.LOW, green.state(), "active-high light starts low (off)");
      assertEquals(DigitalState.HIGH, amber.state(), "active-low light starts high (off)");

      panel.show(Light.GREEN, LightMode.STEADY);
      panel.show(Light.AMBER, LightMode.STEADY);
      await("amber on").until(() -> levelsOf("amber-light").contains("LOW"));
      assertEquals(List.of("HIGH"), levelsOf("green-light"));
      assertEquals(List.of("LOW"), levelsOf("amber-light"), "active-low light is driven low to light up");

      panel.allOff();
      await("amber off").until(() -> levelsOf("amber-light").size() == 2);
      assertEquals(List.of("HIGH", "LOW"), levelsOf("green-light"));
      assertEquals(List.of("LOW", "HIGH"), levelsOf("amber-light"));
    }
  }

  @Test
  void buzzerPatternsSoundTheirNumberOfBeepsAndEndSilent() {
    try (GpioPanel panel = open(WIRING)) {
      for (BuzzerPattern pattern : List.of(BuzzerPattern.REFUSED, BuzzerPattern.ATTENTION)) {
        levels.clear();
        panel.play(pattern);
        int changes = pattern.beeps() * 2;
        await(pattern + " to finish").until(() -> levelsOf("buzzer").size() >= changes);
        List<String> buzzer = levelsOf("buzzer");
        assertEquals(changes, buzzer.size(), pattern + ": " + buzzer);
        for (int i = 0; i < buzzer.size(); i++) {
          assertEquals(i % 2 == 0 ? "HIGH" : "LOW", buzzer.get(i), pattern + " alternates on and off: " + buzzer);
        }
      }
      assertTrue(BuzzerPattern.REFUSED.beeps() != BuzzerPattern.ATTENTION.beeps(), "patterns are told apart by ear");
    }
  }

  @Test
  void blinkingAlternatesUntilTurnedOffAndThenStays() {
    try (GpioPanel panel = open(WIRING)) {
      panel.show(Light.RED, LightMode.BLINKING);
      await("red to blink twice").until(() -> levelsOf("red-light").size() >= 4);
      panel.show(Light.RED, LightMode.OFF);
      // The fault pattern lasts longer than a blink half period: a blink still scheduled would show.
      panel.play(BuzzerPattern.FAULT);
      await("fault pattern").until(() -> levelsOf("buzzer").size() >= BuzzerPattern.FAULT.beeps() * 2);
      List<String> red = levelsOf("red-light");
      assertEquals("LOW", red.getLast(), "off after blinking: " + red);
      for (int i = 0; i < red.size(); i++) {
        assertEquals(i % 2 == 0 ? "HIGH" : "LOW", red.get(i), "alternates: " + red);
      }
      int lastRed = levels.lastIndexOf("red-light LOW");
      int buzzerStart = levels.indexOf("buzzer HIGH");
      assertTrue(lastRed < buzzerStart, "no blink after OFF, while the buzzer played: " + levels);
    }
  }

  @Test
  void selfTestLightsEachLampInTurnThenBeepsAndEndsReady() {
    try (GpioPanel panel = open(WIRING)) {
      List<String> changes = new CopyOnWriteArrayList<>();
      panel.watch(change -> changes.add(change.toString()));
      panel.selfTest();
      await("the beep to end").until(() -> changes.contains("buzzer off"));
      assertEquals(List.of("red-light on", "red-light off", "amber-light on", "amber-light off",
          "green-light on", "buzzer on", "buzzer off"), changes);
    }
  }

  @Test
  void aBouncingButtonCountsOncePerPressAndActiveLowIsPressedAtLow() {
    try (GpioPanel panel = open(WIRING)) {
      List<Button> presses = new CopyOnWriteArrayList<>();
      panel.onPress(presses::add);
      MockDigitalInput acknowledge = context.io("acknowledge-button");

      // A press to ground that bounces three times within a millisecond.
      for (int i = 0; i < 3; i++) {
        acknowledge.mockState(DigitalState.LOW);
        acknowledge.mockState(DigitalState.HIGH);
      }
      await("first press").until(() -> presses.size() >= 1);
      nanos.addAndGet(Duration.ofMillis(60).toNanos());
      acknowledge.mockState(DigitalState.LOW);
      acknowledge.mockState(DigitalState.HIGH);
      await("second press").until(() -> presses.size() >= 2);
      assertEquals(List.of(Button.ACKNOWLEDGE, Button.ACKNOWLEDGE), presses);

      MockDigitalInput callStaff = context.io("call-staff-button");
      callStaff.mockState(DigitalState.HIGH); // released level of an active-low button: no press
      nanos.addAndGet(Duration.ofMillis(60).toNanos());
      callStaff.mockState(DigitalState.LOW);
      await("call staff").until(() -> presses.size() >= 3);
      assertEquals(Button.CALL_STAFF, presses.getLast());
      assertEquals(3, presses.size());
    }
  }

  @Test
  void aBusyPinLeavesThatDeviceOutAndTheRestWorking() {
    // Something else already drives GPIO 22 (the red light's pin).
    context.create(DigitalOutput.newConfigBuilder(context).id("someone-else").address(22));
    try (GpioPanel panel = open(WIRING)) {
      assertTrue(health.states().get("red-light").contains("busy"), health.states().toString());
      assertEquals("ok", health.states().get("green-light"));
      assertEquals("ok", health.states().get("buzzer"));
      assertFalse(panel.has(Light.RED));

      panel.show(Light.RED, LightMode.STEADY); // ignored, no exception
      panel.show(Light.GREEN, LightMode.STEADY);
      await("green on").until(() -> levelsOf("green-light").contains("HIGH"));
      assertFalse(health.allOk());
    }
  }

  @Test
  void noGpioChipIsOneProblemPerDeviceAndNoException() {
    // A chip no machine has, so the test means the same on a Pi.
    GpioSettings real = new GpioSettings("gpiod", "gpiochip99", WIRING.green(), WIRING.amber(), WIRING.red(),
        WIRING.buzzer(), WIRING.callStaff(), null, WIRING.acknowledge(), null);
    PeripheralHealth noChip = new PeripheralHealth();
    try (GpioPanel panel = GpioPanel.open(real, noChip)) {
      panel.show(Light.GREEN, LightMode.STEADY);
      panel.play(BuzzerPattern.OK);
      assertEquals(6, noChip.states().size(), noChip.states().toString());
      noChip.states().values().forEach(problem -> assertTrue(problem.contains("no GPIO chip /dev/gpiochip99"), problem));
      assertFalse(panel.has(Light.GREEN));
    }
  }
}
