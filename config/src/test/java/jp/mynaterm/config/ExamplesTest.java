package jp.mynaterm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The examples are what the demo runs and what IT staff copy: each must load as its role. */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("examples");
  private final ConfigLoader loader = new ConfigLoader(Map.of());

  @Test
  void everyRoleHasAnExampleThatLoads() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertEquals(Role.values().length, files.size(), "one example per role: " + files);
    for (Path f : files) {
      RoleConfig c = loader.load(f);
      assertEquals(f.getFileName().toString(), c.role().key() + ".yaml");
      assertEquals("212075", c.municipality());
    }
  }

  @Test
  void hubExampleRunsOnEmbeddedDefaults() {
    HubConfig hub = loader.load(EXAMPLES.resolve("hub.yaml"), HubConfig.class);
    assertEquals(true, hub.broker().embedded());
    assertEquals("ssl://127.0.0.1:8883", hub.broker().url(), "TLS only");
    assertEquals("jdbc:sqlite:var/hub/hub.db", hub.storage().url());
  }

  @Test
  void taxiExampleCarriesTheFareTable() {
    TaxiConfig taxi = assertInstanceOf(TaxiConfig.class, loader.load(EXAMPLES.resolve("taxi.yaml")));
    assertEquals(150, taxi.taxi().fares().get("child"));
    assertEquals(0, taxi.taxi().fares().get("preschool"));
    assertEquals(java.time.Duration.ofDays(7), taxi.mqtt().sessionExpiry());
  }
}
