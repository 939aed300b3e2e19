package jp.mynaterm.kiosk.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.mynaterm.config.IssuanceSettings;
import jp.mynaterm.hardware.print.CertificateDocument;
import jp.mynaterm.hub.issuance.CertificateDocuments;
import jp.mynaterm.hub.issuance.CertificateType;
import jp.mynaterm.hub.issuance.IssuanceAsk;
import jp.mynaterm.hub.issuance.Resident;
import jp.mynaterm.hub.issuance.ResidentRegisterCsv;
import jp.mynaterm.hub.issuance.TaxRecordsCsv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract between the hub's signed document and what the kiosk prints: documents built by the
 * hub's own {@link CertificateDocuments} from the demo register, read into certificate rows.
 */
class PrintableCertificateTest {
  private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  private static List<Resident> register;
  private static CertificateDocuments documents;

  @BeforeAll
  static void register() throws Exception {
    try (var reader = Files.newBufferedReader(ROOT.resolve("config/examples/residents.csv"))) {
      register = ResidentRegisterCsv.read(reader).residents();
    }
    documents = new CertificateDocuments("212075", IssuanceSettings.DEFAULT, "https://mino.example.jp/verify/");
  }

  private static Resident resident(String id) {
    return register.stream().filter(r -> r.residentId().equals(id)).findFirst().orElseThrow();
  }

  private static List<Resident> household(Resident r) {
    return register.stream().filter(p -> p.householdId().equals(r.householdId())).toList();
  }

  private static List<String> labels(CertificateDocument d) {
    return d.entries().stream().map(CertificateDocument.Entry::label).toList();
  }

  @Test
  void aJuminhyoForOnePersonPrintsTheUsualItemsAndNothingNotAskedFor() {
    Resident hanako = resident("1");
    ObjectNode doc = documents.build(new IssuanceAsk(CertificateType.JUMINHYO, Map.of(), 1), hanako, household(hanako), null, TODAY, "ABCD-EFGH-JKMN");
    CertificateDocument printable = PrintableCertificate.from(doc);
    assertEquals("住民票の写し", printable.title());
    assertEquals(List.of("世帯主", "氏名", "ふりがな", "生年月日", "性別", "住所"), labels(printable));
    String head = household(hanako).stream().filter(Resident::headOfHousehold).findFirst().orElseThrow().fullName();
    assertEquals(head, printable.entries().get(0).value(), "the head of household heads the certificate");
    assertEquals(hanako.fullName(), printable.entries().get(1).value());
    assertTrue(printable.entries().get(3).value().startsWith("昭和"), "birth dates in the Japanese era: " + printable.entries().get(3));
    assertEquals("https://mino.example.jp/verify/ABCD-EFGH-JKMN", printable.qrContent(), "the QR code leads to the hub's check page");
    assertEquals(TODAY, printable.issued());
  }

  @Test
  void theHouseholdWithRelationshipAndHonsekiPrintsEveryMember() {
    Resident hanako = resident("1");
    var ask = new IssuanceAsk(CertificateType.JUMINHYO, Map.of("scope", "household", "zokugara", "yes", "honseki", "yes"), 1);
    CertificateDocument printable = PrintableCertificate.from(documents.build(ask, hanako, household(hanako), null, TODAY, "ABCD-EFGH-JKMN"));
    assertEquals(household(hanako).size(), labels(printable).stream().filter("氏名"::equals).count());
    assertTrue(labels(printable).contains("続柄") && labels(printable).contains("本籍"));
  }

  @Test
  void onlyTheJuminhyoNamesTheHeadOfHousehold() {
    CertificateDocument seal = PrintableCertificate.from(documents.build(new IssuanceAsk(CertificateType.INKAN, Map.of(), 1), resident("1"), household(resident("1")), null, TODAY, "ABCD-EFGH-JKMN"));
    assertFalse(labels(seal).contains("世帯主"));
  }

  @Test
  void anIncomeCertificateNamesTheFiscalYearAndPrintsYen() throws Exception {
    var tax = TaxRecordsCsv.read(Files.newBufferedReader(ROOT.resolve("config/examples/tax-records.csv"))).records().stream()
        .filter(t -> t.residentId().equals("2") && t.fiscalYear() == 2026).findFirst().orElseThrow();
    var ask = new IssuanceAsk(CertificateType.SHOTOKU, Map.of("fiscalYear", "2026"), 1);
    CertificateDocument printable = PrintableCertificate.from(documents.build(ask, resident("2"), List.of(resident("2")), tax, TODAY, "ABCD-EFGH-JKMN"));
    Map<String, String> rows = printable.entries().stream().collect(java.util.stream.Collectors.toMap(CertificateDocument.Entry::label, CertificateDocument.Entry::value));
    assertEquals("令和8年度", rows.get("年度"));
    assertEquals(String.format("%,d円", tax.incomeYen()), rows.get("所得金額"));
    assertFalse(rows.containsKey("本籍"));
  }

  @Test
  void aDocumentWithoutItsVerificationCodeIsNotPrintable() {
    ObjectNode doc = documents.build(new IssuanceAsk(CertificateType.INKAN, Map.of(), 1), resident("1"), List.of(), null, TODAY, "ABCD-EFGH-JKMN");
    doc.remove("verificationCode");
    assertThrows(IllegalArgumentException.class, () -> PrintableCertificate.from(doc));
  }
}
