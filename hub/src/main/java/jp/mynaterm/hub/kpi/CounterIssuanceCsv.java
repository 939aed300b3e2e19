package jp.mynaterm.hub.kpi;

import java.io.IOException;
import java.io.Reader;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.mynaterm.hub.issuance.CsvExtract;
import jp.mynaterm.hub.issuance.CsvExtract.Problem;

/**
 * The monthly export of the city's counter system: how many certificates its counters issued, per month
 * and type, UTF-8 CSV with a header (an Excel byte-order mark is fine):
 *
 * <pre>
 * month,certificate_type,copies
 * 2026-11,juminhyo,812
 * </pre>
 *
 * {@code month} YYYY-MM (2000-01 to 2099-12), {@code certificate_type} the counter system's name of the type
 * (the kiosks' juminhyo, inkan, shotoku, fuhyo, or others the counters alone issue), {@code copies} a
 * whole number from 0 without separators; one row per month and type. As with the city's other
 * extracts, every bad row is reported by line and column, and nothing is imported unless the whole
 * file is clean.
 */
public final class CounterIssuanceCsv {
  public static final List<String> COLUMNS = List.of("month", "certificate_type", "copies");
  private static final YearMonth FIRST = YearMonth.of(2000, 1);
  private static final YearMonth LAST = YearMonth.of(2099, 12);

  /** Certificates of one type the counters issued in a month. */
  public record Row(YearMonth month, String certificateType, long copies) {}

  /** The rows, only if there were no problems. */
  public record Result(List<Row> rows, List<Problem> problems) {
    public boolean clean() {
      return problems.isEmpty();
    }

    /** One line for the operator: how many problems, and the first. */
    public String summary() {
      return CsvExtract.summary(problems);
    }
  }

  private CounterIssuanceCsv() {}

  public static Result read(Reader reader) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    CsvExtract.read(reader, COLUMNS, problems, (cells, line) -> {
      if (!CsvExtract.present(cells, COLUMNS, line, problems)) return;
      YearMonth month = month(cells.get("month"), line, problems);
      String type = cells.get("certificate_type");
      if (!type.matches("[\\p{L}\\p{N}_.-]{1,64}")) {
        problems.add(new Problem(line, "certificate_type", "must be a name of letters, digits, '-', '_' or '.' (at most 64)"));
        return;
      }
      String text = cells.get("copies");
      if (!text.matches("\\d{1,12}")) {
        problems.add(new Problem(line, "copies", text.startsWith("-") ? "must not be negative" : "must be a whole number without separators"));
        return;
      }
      if (month == null) return;
      if (!seen.add(month + "\u0000" + type)) {
        problems.add(new Problem(line, "certificate_type", "a second row for the same month and type"));
        return;
      }
      rows.add(new Row(month, type, Long.parseLong(text)));
    });
    return new Result(CsvExtract.cleanOnly(rows, problems), List.copyOf(problems));
  }

  private static YearMonth month(String text, long line, List<Problem> problems) {
    if (text.matches("\\d{4}-\\d{2}")) {
      try {
        YearMonth m = YearMonth.parse(text);
        if (!m.isBefore(FIRST) && !m.isAfter(LAST)) return m;
      } catch (java.time.format.DateTimeParseException e) {
        // falls through to the problem below: 2026-13
      }
    }
    problems.add(new Problem(line, "month", "must be a month as YYYY-MM from " + FIRST + " to " + LAST));
    return null;
  }
}
