package jp.mynaterm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeripheralSettingsTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of());

  private static final String TAXI = """
      role: taxi
      municipality: "212075"
      terminal: {id: taxi-9, dataDir: var/taxi-9}
      mqtt: {url: "tcp://127.0.0.1:1883"}
      """;

  @Test
  void examplesLoadTheirPeripheralsSections() {
    TaxiConfig taxi = loader.load(Path.of("examples/taxi.yaml"), TaxiConfig.class);
    assertEquals(25, taxi.peripherals().gpio().acknowledge().bcm());
    assertTrue(taxi.peripherals().gpio().acknowledge().activeLow());
    assertNull(taxi.peripherals().gpio().callStaff(), "a taxi has no call-staff button");
    KioskConfig kiosk = loader.load(Path.of("examples/kiosk.yaml"), KioskConfig.class);
    assertEquals(80, kiosk.peripherals().slip().paperWidth());
    assertTrue(kiosk.peripherals().printer().queue().startsWith("dir:"));
  }

  @Test
  void aConfigurationWithoutPeripheralsGetsTheReferenceWiring() {
    TaxiConfig taxi = loader.parse("taxi.yaml", TAXI, TaxiConfig.class);
    assertEquals(GpioSettings.DEFAULT, taxi.peripherals().gpio());
    assertEquals(Duration.ofMillis(50), taxi.peripherals().gpio().debounce());
    assertEquals("", taxi.peripherals().slip().connection(), "no slip printer unless configured");
  }

  @Test
  void twoDevicesOnOnePinAreRefusedWithTheKey() {
    String yaml = TAXI + """
        peripherals:
          gpio:
            green: {bcm: 17}
            red: {bcm: 17}
        """;
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("taxi.yaml", yaml, TaxiConfig.class));
    assertTrue(e.getMessage().contains("red") && e.getMessage().contains("17") && e.getMessage().contains("green"), e.getMessage());
  }

  @Test
  void badValuesNameWhatIsAllowed() {
    ConfigException width = assertThrows(ConfigException.class, () -> loader.parse("taxi.yaml",
        TAXI + "peripherals:\n  slip: {connection: \"tcp:printer:9100\", paperWidth: 62}\n", TaxiConfig.class));
    assertTrue(width.getMessage().contains("58 or 80"), width.getMessage());
    ConfigException pin = assertThrows(ConfigException.class, () -> loader.parse("taxi.yaml",
        TAXI + "peripherals:\n  gpio: {buzzer: {bcm: 40}}\n", TaxiConfig.class));
    assertTrue(pin.getMessage().contains("between 0 and 27"), pin.getMessage());
  }
}
