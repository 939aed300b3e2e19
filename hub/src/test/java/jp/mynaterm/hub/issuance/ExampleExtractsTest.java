package jp.mynaterm.hub.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's extracts, read as the example hub configuration names them and through the real readers,
 * match the virtual cards: a certificate printed for a virtual resident shows what the card holds.
 */
class ExampleExtractsTest {
  private static Path root;
  private static Map<String, Resident> residents;
  private static TaxRecords taxes;

  @BeforeAll
  static void read() throws Exception {
    root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("config/examples/hub.yaml"))) root = root.getParent();
    HubConfig hub = new ConfigLoader(Map.of()).load(root.resolve("config/examples/hub.yaml"), HubConfig.class);
    assertFalse(Path.of(hub.issuance().residents()).isAbsolute(), "relative to the installation root, as ./mynaterm hub runs there");
    try (var in = Files.newBufferedReader(root.resolve(hub.issuance().residents()), StandardCharsets.UTF_8)) {
      var read = ResidentRegisterCsv.read(in);
      assertTrue(read.clean(), read.problems().toString());
      residents = read.residents().stream().collect(Collectors.toMap(Resident::residentId, Function.identity()));
    }
    try (var in = Files.newBufferedReader(root.resolve(hub.issuance().taxRecords()), StandardCharsets.UTF_8)) {
      var read = TaxRecordsCsv.read(in);
      assertTrue(read.clean(), read.problems().toString());
      taxes = new TaxRecords(read.records());
    }
  }

  @Test
  void everyVirtualCardHolderIsInTheRegisterAsTheCardHasThem() throws Exception {
    List<String[]> cards =
        Files.readAllLines(root.resolve("hardware/src/main/resources/jp/mynaterm/hardware/card/virtual/residents.tsv")).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .map(l -> l.split("\t"))
            .toList();
    assertEquals(6, cards.size());
    for (String[] card : cards) {
      Resident r = residents.get(card[0]);
      assertNotNull(r, "virtual resident " + card[0]);
      assertEquals(card[1], r.fullName(), card[0]);
      assertEquals(card[2], r.address(), card[0]);
      assertEquals(LocalDate.parse(card[3], DateTimeFormatter.BASIC_ISO_DATE), r.birthDate(), card[0]);
      assertEquals(card[4], r.sex().code, card[0]);
      assertEquals(Resident.Status.CURRENT, r.status());
    }
  }

  @Test
  void householdsForTheWholeHousehold住民票HaveTwoToFourPeopleAtOneAddress() {
    for (String id : List.of("1", "6")) {
      Resident r = residents.get(id);
      List<Resident> household = residents.values().stream().filter(p -> p.householdId().equals(r.householdId())).toList();
      assertTrue(household.size() >= 2 && household.size() <= 4, id + ": " + household.size());
      assertTrue(household.stream().allMatch(p -> p.address().equals(r.address())), id);
    }
    assertTrue(residents.get("1").headOfHousehold());
    assertFalse(residents.get("6").headOfHousehold(), "the 2015-born card holder is a child in a household");
  }

  @Test
  void adultCardHoldersHaveTaxRecordsForBothDemoYears() {
    for (String id : List.of("1", "2", "3", "4", "5")) {
      for (int year : List.of(2025, 2026)) assertTrue(taxes.find(id, year).isPresent(), id + " " + year);
    }
    assertTrue(taxes.find("6", 2026).isEmpty());
  }
}
