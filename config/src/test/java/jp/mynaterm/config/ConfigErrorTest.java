package jp.mynaterm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a configuration can be wrong: one line naming the file, the key and the problem. */
class ConfigErrorTest {
  private static final String TAXI =
      """
      role: taxi
      municipality: "212075"
      terminal:
        id: taxi-1
      mqtt:
        url: tcp://127.0.0.1:1883
      """;

  @TempDir Path dir;

  @Test
  void missingFile() {
    ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(dir.resolve("nope.yaml")));
    assertLine(e, "", "does not exist");
    assertTrue(e.getMessage().contains("nope.yaml"), e.getMessage());
  }

  @Test
  void emptyFile() {
    assertLine(fail(""), "", "is empty");
  }

  @Test
  void notUtf8() throws IOException {
    Path f = dir.resolve("latin1.yaml");
    Files.write(f, new byte[] {'r', 'o', 'l', 'e', ':', ' ', (byte) 0xE9});
    assertLine(assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(f)), "", "is not UTF-8");
  }

  @Test
  void yamlSyntaxErrorSaysWhere() {
    ConfigException e = fail("role: taxi\nterminal: [unclosed\n");
    assertLine(e, "", "is not valid YAML at line");
  }

  @Test
  void aListInsteadOfAMapping() {
    assertLine(fail("- role: taxi\n"), "", "must be a YAML mapping");
  }

  @Test
  void missingRole() {
    assertLine(fail("municipality: \"212075\"\n"), "role", "is required: one of hub, kiosk, taxi, library, hospital");
  }

  @Test
  void unknownRole() {
    assertLine(fail("role: tram\n"), "role", "must be one of");
  }

  @Test
  void wrongRoleForTheCommand() {
    ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse("t.yaml", TAXI, HubConfig.class));
    assertLine(e, "role", "is 'taxi', but this command needs a hub configuration");
  }

  @Test
  void unknownTopLevelKeyListsTheKnownOnes() {
    ConfigException e = fail(TAXI + "colour: blue\n");
    assertLine(e, "colour", "is not a known key");
    assertTrue(e.problem().contains("terminal"), e.problem());
  }

  @Test
  void unknownNestedKeyHasItsFullPath() {
    assertLine(fail(TAXI.replace("  url:", "  urll: x\n  url:")), "mqtt.urll", "is not a known key");
  }

  @Test
  void missingRequiredSection() {
    assertLine(fail(TAXI.replace("mqtt:\n  url: tcp://127.0.0.1:1883\n", "")), "mqtt", "is required");
  }

  @Test
  void missingRequiredNestedKey() {
    assertLine(fail(TAXI.replace("  id: taxi-1\n", "  dataDir: x\n")), "terminal.id", "is required");
  }

  @Test
  void badMunicipalityCheckDigit() {
    assertLine(fail(TAXI.replace("212075", "212074")), "municipality", "check digit is wrong");
  }

  @Test
  void badTerminalIdWouldBreakTopics() {
    assertLine(fail(TAXI.replace("taxi-1", "taxi/1")), "terminal.id", "lowercase letters");
  }

  @Test
  void badMqttUrl() {
    assertLine(fail(TAXI.replace("tcp://127.0.0.1:1883", "http://hub")), "mqtt.url", "must look like tcp://host:port");
  }

  @Test
  void portOutOfRange() {
    assertLine(failHub("broker:\n  port: 70000\n"), "broker.port", "must be between 1 and 65535 (got 70000)");
  }

  @Test
  void textWhereANumberBelongs() {
    assertLine(failHub("broker:\n  port: many\n"), "broker.port", "must be a whole number");
  }

  @Test
  void mappingWhereAValueBelongs() {
    assertLine(failHub("broker:\n  port:\n    a: 1\n"), "broker.port", "must be a whole number (got a mapping)");
  }

  @Test
  void durationWithoutUnit() {
    assertLine(fail(TAXI.replace("  id: taxi-1\n", "  id: taxi-1\n  heartbeat: 30\n")), "terminal.heartbeat", "with a unit");
  }

  @Test
  void durationNonsense() {
    assertLine(fail(TAXI.replace("  id: taxi-1\n", "  id: taxi-1\n  heartbeat: soon\n")), "terminal.heartbeat", "must be a duration like");
  }

  @Test
  void zeroDuration() {
    assertLine(fail(TAXI.replace("  id: taxi-1\n", "  id: taxi-1\n  heartbeat: 0s\n")), "terminal.heartbeat", "longer than zero");
  }

  @Test
  void negativeFare() {
    assertLine(fail(TAXI + "taxi:\n  fares:\n    child: -150\n"), "taxi.fares.child", "from 0 to 100000");
  }

  @Test
  void aRequestFeeIsYen() {
    String kiosk = TAXI.replace("role: taxi", "role: kiosk").replace("taxi-1", "kiosk-1");
    assertLine(fail(kiosk + "kiosk:\n  requestFees:\n    postageYen: -110\n"), "kiosk.requestFees.postageYen", "must be yen from 0 to 10000 (got -110)");
    assertLine(fail(kiosk + "kiosk:\n  requestFees:\n    perCopyYen: 3OO\n"), "kiosk.requestFees.perCopyYen", "must be a whole number");
  }

  @Test
  void gpsdIsHostAndPort() {
    assertLine(fail(TAXI + "taxi:\n  gpsd: localhost\n"), "taxi.gpsd", "must be host:port");
  }

  @Test
  void theRepeatBoardingWindowIsNotNegativeNorLongerThanADay() {
    assertLine(fail(TAXI + "taxi:\n  repeatBoardingWindow: 25h\n"), "taxi.repeatBoardingWindow", "must be from 0s (never refuse) to 24h");
  }

  @Test
  void externalBrokerNeedsAUrl() {
    assertLine(failHub("broker:\n  embedded: false\n"), "broker.url", "is required");
  }

  @Test
  void aShareGroupIsForHubsOnAnExternalBroker() {
    String hub = "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-2\n";
    HubConfig second = new ConfigLoader(Map.of()).parse("h.yaml", hub + "broker:\n  embedded: false\n  url: ssl://mqtt.city.example:8883\n  shareGroup: hubs\n", HubConfig.class);
    assertEquals("hubs", second.broker().shareGroup());
    assertLine(failHub("broker:\n  shareGroup: hubs\n"), "broker.shareGroup", "is for hubs sharing an external broker");
    assertLine(failHub("broker:\n  embedded: false\n  url: ssl://mqtt:8883\n  shareGroup: a/b\n"), "broker.shareGroup", "must be 1-64 letters");
  }

  @Test
  void unknownCharset() {
    assertLine(
        fail(TAXI.replace("role: taxi", "role: library") + "library:\n  sip2:\n    charset: EBCDIC-KLINGON\n"),
        "library.sip2.charset",
        "is not a charset");
  }

  @Test
  void patronPasswordsIsASwitch() {
    assertLine(
        fail(TAXI.replace("role: taxi", "role: library") + "library:\n  sip2:\n    patronPasswords: sometimes\n"),
        "library.sip2.patronPasswords",
        "must be true or false");
  }

  @Test
  void theTaxiPagesPasskeyOriginAndRelyingPartyAreTheConsolesUnlessNamed() {
    String hub = "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\nconsole:\n  rpId: hub.city.example\n";
    HubConfig defaults = new ConfigLoader(Map.of()).parse("h.yaml", hub, HubConfig.class);
    assertEquals("http://hub.city.example:8080", defaults.taxi().passkeyOrigin(defaults.console(), 8080));
    assertEquals("hub.city.example", defaults.taxi().passkeyRpId(defaults.console()));
    HubConfig named = new ConfigLoader(Map.of()).parse("h.yaml", hub + "taxi:\n  origin: https://taxi.city.example\n", HubConfig.class);
    assertEquals("taxi.city.example", named.taxi().passkeyRpId(named.console()), "the origin's host");
    assertLine(failHub("taxi:\n  origin: https://taxi.city.example/booking\n"), "taxi.origin", "without a path");
    assertLine(failHub("taxi:\n  origin: https://taxi.city.example\n  rpId: other.example\n"), "taxi.rpId", "a domain it is under");
  }

  @Test
  void badStorageUrl() {
    assertLine(failHub("storage:\n  url: jdbc:mysql://db/x\n"), "storage.url", "jdbc:sqlite: or jdbc:postgresql:");
    for (String memory : List.of("jdbc:sqlite::memory:", "jdbc:sqlite:", "jdbc:sqlite:file:hub?mode=memory&cache=shared")) {
      assertLine(failHub("storage:\n  url: \"" + memory + "\"\n"), "storage.url", "names no file");
    }
  }

  @Test
  void environmentOverridesSecretsAndAddresses() {
    var env = Map.of("MYNATERM_MQTT_PASSWORD", "s3cret", "MYNATERM_MQTT_URL", "ssl://hub.example:8883");
    TaxiConfig taxi = new ConfigLoader(env).parse("t.yaml", TAXI, TaxiConfig.class);
    assertEquals("s3cret", taxi.mqtt().password());
    assertEquals("ssl://hub.example:8883", taxi.mqtt().url());
    assertFalse(taxi.mqtt().toString().contains("s3cret"), "secrets stay out of logs");
  }

  @Test
  void environmentOverrideIsValidatedLikeTheFile() {
    var env = Map.of("MYNATERM_BROKER_PORT", "eighty");
    ConfigException e =
        assertThrows(ConfigException.class, () -> new ConfigLoader(env).parse("h.yaml", "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\n", HubConfig.class));
    assertLine(e, "broker.port", "must be a whole number");
  }

  @Test
  void environmentGivesNumbersAndSwitchesAsTheFileWould() {
    var env = Map.of("MYNATERM_BROKER_PORT", "1884", "MYNATERM_BROKER_EMBEDDED", "false", "MYNATERM_BROKER_URL", "tcp://broker:1883", "MYNATERM_HTTP_PORT", " 8081 ");
    HubConfig hub = new ConfigLoader(env).parse("h.yaml", "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\n", HubConfig.class);
    assertEquals(1884, hub.broker().port());
    assertFalse(hub.broker().embedded());
    assertEquals(8081, hub.http().port());
  }

  @Test
  void environmentCanFillASectionTheFileLeftOut() {
    var env = Map.of("MYNATERM_HUB_CARD_ID_KEY", "00112233445566778899aabbccddeeff");
    HubConfig hub = new ConfigLoader(env).parse("h.yaml", "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\n", HubConfig.class);
    assertEquals("00112233445566778899aabbccddeeff", hub.hub().cardIdKey());
  }

  @Test
  void fleetAlertThresholdsAreCheckedLikeEveryKey() {
    String hub = "role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\nfleet:\n";
    var loader = new ConfigLoader(Map.of());
    assertLine(assertThrows(ConfigException.class, () -> loader.parse("h.yaml", hub + "  offlineAfter: 15\n", HubConfig.class)), "fleet.offlineAfter", "must be a duration with a unit");
    assertLine(assertThrows(ConfigException.class, () -> loader.parse("h.yaml", hub + "  outboxOldest: 0s\n", HubConfig.class)), "fleet.outboxOldest", "must be longer than zero");
    assertLine(assertThrows(ConfigException.class, () -> loader.parse("h.yaml", hub + "  outboxRisingHeartbeats: 1\n", HubConfig.class)), "fleet.outboxRisingHeartbeats", "must be between 2 and 1000");
    assertLine(assertThrows(ConfigException.class, () -> loader.parse("h.yaml", hub + "  staleList: 2d\n", HubConfig.class)), "fleet.staleList", "is not a known key");
    assertEquals(java.time.Duration.ofMinutes(15), loader.parse("h.yaml", hub + "  staleListAfter: 3d\n", HubConfig.class).fleet().offlineAfter(), "the others keep their defaults");
  }

  @Test
  void environmentVariableNamesFollowTheKeys() {
    assertEquals("MYNATERM_CARD_CARD_ID_KEY", ConfigLoader.envName("card.cardIdKey"));
    assertEquals("MYNATERM_LIBRARY_SIP2_PASSWORD", ConfigLoader.envName("library.sip2.password"));
  }

  @Test
  void taxiBookingRulesAreCheckedKeyByKey() {
    assertLine(failHub("taxi:\n  walkUp: maybe\n"), "taxi.walkUp", "must be ride-if-room or refuse");
    assertLine(failHub("taxi:\n  closes: \"7pm\"\n"), "taxi.closes", "must be a time of day like 08:00");
    assertLine(failHub("taxi:\n  slot: 7m\n"), "taxi.slot", "must divide a day");
    assertLine(failHub("taxi:\n  vehicles: [Car_1]\n"), "taxi.vehicles", "");
    assertLine(failHub("taxi:\n  days: [FUNDAY]\n"), "taxi.days[0]", "must be one of");
  }

  // --- helpers

  private ConfigException fail(String yaml) {
    return assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse("t.yaml", yaml, RoleConfig.class));
  }

  private ConfigException failHub(String extra) {
    return fail("role: hub\nmunicipality: \"212075\"\nhub:\n  id: hub-1\n" + extra);
  }

  private static void assertLine(ConfigException e, String key, String problemStart) {
    assertEquals(key, e.key(), e::getMessage);
    assertTrue(e.problem().contains(problemStart), () -> "problem was: " + e.problem());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), "no Java in the line: " + e.getMessage());
    assertFalse(e.getMessage().contains("jackson"), "no Java in the line: " + e.getMessage());
  }
}
