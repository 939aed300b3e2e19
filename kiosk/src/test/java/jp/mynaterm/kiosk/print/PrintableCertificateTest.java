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
  void eachCopyPrintsItsOwnCodeAndQrCode() throws Exception {
    Resident hanako = resident("1");
    ObjectNode doc = documents.build(
        new IssuanceAsk(CertificateType.JUMINHYO, Map.of(), 2), hanako, household(hanako), null, TODAY, List.of("ABCD-EFGH-JKM1", "ABCD-EFGH-JKM2"));
    jp.mynaterm.hub.issuance.IssuingKey.loadOrCreate(Files.createTempDirectory("issuing")).sealInto(doc);
    CertificateDocument first = PrintableCertificate.from(doc, 1);
    CertificateDocument second = PrintableCertificate.from(doc, 2);
    assertEquals("ABCD-EFGH-JKM1", first.verificationCode());
    assertEquals("ABCD-EFGH-JKM2", second.verificationCode());
    assertTrue(second.qrContent().startsWith("https://mino.example.jp/verify/ABCD-EFGH-JKM2#"), second.qrContent());
    assertFalse(first.qrContent().equals(second.qrContent()));
    assertEquals(first.entries(), second.entries(), "the same certificate otherwise");
    assertThrows(IllegalArgumentException.class, () -> PrintableCertificate.from(doc, 3));
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

  /**
   * Never the My Number (個人番号) or the 住民票コード on a kiosk certificate, in any type with every
   * option, on the paper or in its QR code: the PDF's text and the code's signed fields are scanned.
   * The register's id here has the 住民票コード's shape (11 digits), as a city's extract may use it.
   */
  @Test
  void noCertificateCarriesTheMyNumberOrThe住民票コード(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String code11 = "48201937465";
    Resident base = resident("1");
    Path impression = dir.resolve("seal.png");
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(240, 240, java.awt.image.BufferedImage.TYPE_INT_ARGB), "png", impression.toFile());
    Resident r = new Resident(code11, base.householdId(), base.familyName(), base.givenName(), base.familyNameKana(), base.givenNameKana(), base.birthDate(), base.sex(),
        base.address(), base.relationship(), true, base.honseki(), true, base.sealNumber(), base.status(), null, impression);
    var tax = new jp.mynaterm.hub.issuance.TaxRecord(code11, 2026, 3_610_000, 2_260_000, 138_600, 91_400);
    var key = jp.mynaterm.hub.issuance.IssuingKey.loadOrCreate(dir);
    var renderer = new jp.mynaterm.hardware.print.CertificateRenderer(Path.of(jp.mynaterm.config.CertificatePrinterSettings.IPAEX_MINCHO), java.util.Optional.empty(), "美濃市");
    var asks = List.of(
        new IssuanceAsk(CertificateType.JUMINHYO, Map.of("scope", "household", "zokugara", "yes", "honseki", "yes"), 1),
        new IssuanceAsk(CertificateType.INKAN, Map.of(), 1),
        new IssuanceAsk(CertificateType.SHOTOKU, Map.of("fiscalYear", "2026"), 1),
        new IssuanceAsk(CertificateType.FUHYO, Map.of(), 1));
    for (IssuanceAsk ask : asks) {
      ObjectNode doc = key.sealInto(documents.build(ask, r, List.of(r), tax, TODAY, "ABCD-EFGH-JKMN"));
      byte[] pdf = renderer.render(PrintableCertificate.from(doc));
      String text;
      try (var loaded = org.apache.pdfbox.Loader.loadPDF(pdf)) {
        text = new org.apache.pdfbox.text.PDFTextStripper().getText(loaded);
        if (ask.type() == CertificateType.INKAN) {
          var images = new java.util.ArrayList<String>();
          var resources = loaded.getPage(0).getResources();
          for (var name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject img) images.add(img.getWidth() + "x" + img.getHeight());
          }
          assertTrue(images.contains("240x240"), "the registered impression is printed: " + images);
          assertTrue(text.contains("印影"), "in its labelled frame");
        }
      }
      String qr = doc.get("qr").asText();
      String signed = jp.mynaterm.protocol.issuance.SignedPaper.open(qr.substring(qr.indexOf('#') + 1), key.publicKey()).fields().toString();
      for (String where : List.of(text, signed)) {
        String digits = java.text.Normalizer.normalize(where, java.text.Normalizer.Form.NFKC); // full-width digits count too
        assertFalse(digits.contains(code11), ask.type() + ": the 住民票コード");
        assertFalse(java.util.regex.Pattern.compile("(?<!\\d)\\d{12}(?!\\d)").matcher(digits).find(), ask.type() + ": nothing of a My Number's shape");
        assertFalse(where.contains("個人番号") || where.contains("住民票コード"), ask.type() + ": no such item");
      }
    }
  }
}
