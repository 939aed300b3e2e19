package jp.mynaterm.hub.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxRecordsCsvTest {
  private static final String HEADER = "resident_id,fiscal_year,income_yen,taxable_income_yen,municipal_tax_yen,prefectural_tax_yen\n";
  private static final String Y2025 = "R1,2025,3520000,2180000,133800,88200\n";
  private static final String Y2026 = "R1,2026,3610000,2260000,138600,91400\n";

  private static TaxRecordsCsv.Result read(String csv) throws Exception {
    return TaxRecordsCsv.read(new StringReader(csv));
  }

  private static List<String> columns(TaxRecordsCsv.Result r) {
    return r.problems().stream().map(CsvExtract.Problem::column).toList();
  }

  @Test
  void readsOneRecordPerResidentAndYearWithItsFigures() throws Exception {
    var r = read("\uFEFF" + HEADER + Y2025 + Y2026 + "R2,2026,980000,0,0,0\n");
    assertTrue(r.clean(), r.problems().toString());
    assertEquals(List.of(new TaxRecord("R1", 2025, 3_520_000, 2_180_000, 133_800, 88_200), new TaxRecord("R1", 2026, 3_610_000, 2_260_000, 138_600, 91_400), new TaxRecord("R2", 2026, 980_000, 0, 0, 0)), r.records());
    var records = new TaxRecords(r.records());
    assertEquals(91_400, records.find("R1", 2026).orElseThrow().prefecturalTaxYen());
    assertTrue(records.find("R1", 2024).isEmpty());
    assertTrue(records.find("R9", 2026).isEmpty());
  }

  @Test
  void negativeAndMalformedAmountsAreRefusedByLineAndColumnWithoutEchoingThem() throws Exception {
    var r = read(HEADER + Y2025 + "R1,2026,-3610000,2260000,1.5,\"91,400\"\n");
    assertFalse(r.clean());
    assertEquals(List.of(), r.records(), "nothing is loaded from a file with a bad row");
    assertEquals(List.of("income_yen", "municipal_tax_yen", "prefectural_tax_yen"), columns(r));
    assertTrue(r.problems().stream().allMatch(p -> p.line() == 3), r.problems().toString());
    assertEquals("must not be negative", r.problems().get(0).message());
    assertFalse(r.problems().toString().contains("3610000"), "problems never repeat a figure");
  }

  @Test
  void aSecondRecordForTheSameResidentAndYearIsRefused() throws Exception {
    var r = read(HEADER + Y2025 + Y2026 + Y2026.replace("3610000", "3700000"));
    assertEquals(1, r.problems().size(), r.problems().toString());
    assertEquals(4, r.problems().get(0).line());
    assertEquals("fiscal_year", r.problems().get(0).column());
  }

  @Test
  void fiscalYearMustBeASaneWesternYear() throws Exception {
    for (String year : List.of("8", "26", "1988", "2100", "R8", "２０２６")) {
      var r = read(HEADER + Y2025.replace("2025", year));
      assertEquals(List.of("fiscal_year"), columns(r), year);
    }
  }

  @Test
  void taxableIncomeAboveIncomeAndEmptyCellsAreRefused() throws Exception {
    assertEquals(List.of("taxable_income_yen"), columns(read(HEADER + "R1,2026,100000,200000,0,0\n")));
    var empty = read(HEADER + ",2026,100000,0,,0\n");
    assertEquals(List.of("resident_id", "municipal_tax_yen"), columns(empty));
    assertEquals("is empty", empty.problems().get(0).message());
  }

  @Test
  void missingAndUnknownColumnsAreNamed() throws Exception {
    var r = read("resident_id,fiscal_year,income_yen,my_number\nR1,2026,1\n");
    assertTrue(r.problems().stream().anyMatch(p -> p.column().equals("municipal_tax_yen") && p.message().equals("missing column")));
    assertTrue(r.problems().stream().anyMatch(p -> p.column().equals("my_number") && p.message().equals("unknown column")));
    assertTrue(r.problems().stream().allMatch(p -> p.line() == 1));
  }
}
