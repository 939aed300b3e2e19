package jp.mynaterm.hub.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.storage.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The counter system's monthly CSV: refused by line and column with nothing imported, or imported whole and audited. */
class CounterIssuanceCsvTest {
  private static final String HEADER = "month,certificate_type,copies\n";
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a month that is not one   | 2026-11,juminhyo,800\\n2026-13,inkan,10\\n | line 3, column month: must be a month as YYYY-MM",
      "negative copies           | 2026-11,juminhyo,-4\\n                   | line 2, column copies: must not be negative",
      "a thousands separator     | 2026-11,juminhyo,\"1,200\"\\n            | line 2, column copies: must be a whole number without separators",
      "an empty type             | 2026-11,,12\\n                           | line 2, column certificate_type: is empty",
      "the same month and type   | 2026-11,juminhyo,1\\n2026-11,juminhyo,2\\n | line 3, column certificate_type: a second row for the same month and type"})
  void aBadRowIsNamedByLineAndColumnAndNothingIsRead(String what, String body, String first) throws Exception {
    var result = CounterIssuanceCsv.read(new StringReader(HEADER + body.replace("\\n", "\n")));
    assertFalse(result.clean(), what);
    assertTrue(result.rows().isEmpty(), "nothing half-read");
    assertTrue(result.summary().contains(first), result.summary());
    assertFalse(result.summary().contains("\n"), "one line");
  }

  @Test
  void aHeaderWithoutItsColumnsIsRefusedBeforeAnyRow() throws Exception {
    var result = CounterIssuanceCsv.read(new StringReader("month,type,copies\n2026-11,juminhyo,3\n"));
    assertEquals("2 problems, first: line 1, column certificate_type: missing column", result.summary());
  }

  @Test
  void anImportReplacesItsMonthsInOneTransactionWithItsAuditEntry() throws Exception {
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      CounterIssuance counters = new CounterIssuance(db, Clock.systemUTC());
      counters.importRows(CounterIssuanceCsv.read(new StringReader("\uFEFF" + HEADER + "2026-10,juminhyo,700\n2026-11,juminhyo,800\n2026-11,koseki,90\n")).rows(), "os:clerk", "nov.csv");
      // November again, corrected: it replaces November (koseki gone), October stays.
      var imported = counters.importRows(CounterIssuanceCsv.read(new StringReader(HEADER + "2026-11,juminhyo,810\n")).rows(), "os:clerk", "nov-fixed.csv");
      assertEquals(1, imported.rows());
      assertEquals(Map.of(YearMonth.of(2026, 10), 700L, YearMonth.of(2026, 11), 810L), counters.byMonth(YearMonth.of(2026, 4), YearMonth.of(2027, 3)));
      var audit = new AuditLog(db, Clock.systemUTC()).entries();
      assertEquals(2, audit.size());
      assertEquals("counter-issuance.import", audit.get(1).action());
      assertEquals("os:clerk", audit.get(1).actor());
      assertEquals("1 rows, 810 copies, months 2026-11", audit.get(1).detail());
    }
  }
}
