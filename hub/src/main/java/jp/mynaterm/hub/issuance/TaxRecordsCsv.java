package jp.mynaterm.hub.issuance;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mynaterm.hub.issuance.CsvExtract.Problem;

/**
 * Reads the extract of the city's tax system for 所得・課税証明書, UTF-8 CSV with a header:
 *
 * <pre>
 * resident_id,fiscal_year,income_yen,taxable_income_yen,municipal_tax_yen,prefectural_tax_yen
 * </pre>
 *
 * {@code fiscal_year} is the Western year of the 年度 (2026 for 令和8年度, which certifies the income
 * of 2025); amounts are whole yen without separators, never negative, the taxable income at most
 * the income. One row per resident and fiscal year. As with the resident register, every bad row is
 * reported with its line and column, and nothing is loaded until the file is clean.
 */
public final class TaxRecordsCsv {
  public static final List<String> COLUMNS =
      List.of("resident_id", "fiscal_year", "income_yen", "taxable_income_yen", "municipal_tax_yen", "prefectural_tax_yen");
  /** 平成元年度 onwards; a later year than this is a typo, not a record. */
  static final int FIRST_FISCAL_YEAR = 1989;
  static final int LAST_FISCAL_YEAR = 2099;

  public record Result(List<TaxRecord> records, List<Problem> problems) {
    public boolean clean() {
      return problems.isEmpty();
    }
  }

  private TaxRecordsCsv() {}

  public static Result read(Reader reader) throws IOException {
    List<TaxRecord> records = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    CsvExtract.read(reader, COLUMNS, problems, (cells, line) -> {
      TaxRecord record = parse(cells, line, problems);
      if (record == null) return;
      if (!seen.add(record.residentId() + "\u0000" + record.fiscalYear())) {
        problems.add(new Problem(line, "fiscal_year", "a second record for the same resident and fiscal year"));
        return;
      }
      records.add(record);
    });
    return new Result(CsvExtract.cleanOnly(records, problems), List.copyOf(problems));
  }

  private static TaxRecord parse(Map<String, String> cells, long line, List<Problem> problems) {
    if (!CsvExtract.present(cells, COLUMNS, line, problems)) return null;
    int before = problems.size();
    Long year = number(cells, "fiscal_year", line, problems);
    if (year != null && (year < FIRST_FISCAL_YEAR || year > LAST_FISCAL_YEAR)) {
      problems.add(new Problem(line, "fiscal_year", "must be a year from " + FIRST_FISCAL_YEAR + " to " + LAST_FISCAL_YEAR));
    }
    Map<String, Long> yen = new HashMap<>();
    for (String c : COLUMNS.subList(2, COLUMNS.size())) yen.put(c, number(cells, c, line, problems));
    if (problems.size() > before) return null;
    if (yen.get("taxable_income_yen") > yen.get("income_yen")) {
      problems.add(new Problem(line, "taxable_income_yen", "must not exceed income_yen"));
      return null;
    }
    return new TaxRecord(
        cells.get("resident_id"), year.intValue(), yen.get("income_yen"), yen.get("taxable_income_yen"), yen.get("municipal_tax_yen"), yen.get("prefectural_tax_yen"));
  }

  /** A whole number from 0, or null with the problem noted (negative, decimals, separators, text). */
  private static Long number(Map<String, String> cells, String column, long line, List<Problem> problems) {
    String text = cells.get(column);
    if (text.matches("-\\d+")) {
      problems.add(new Problem(line, column, "must not be negative"));
      return null;
    }
    if (!text.matches("\\d{1,15}")) {
      problems.add(new Problem(line, column, "must be a whole number without separators"));
      return null;
    }
    return Long.parseLong(text);
  }
}
