package jp.mynaterm.hub.issuance;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the city's CSV extracts (resident register, tax records, the counters' issuance counts) share: UTF-8 with a header of known
 * columns (a byte-order mark from Excel tolerated), rows handed over with their line number, and
 * problems said by line and column without repeating a cell, since cells hold personal data.
 */
public final class CsvExtract {
  /** A row or header an import refused, and why. Never carries the row's content. */
  public record Problem(long line, String column, String message) {
    @Override
    public String toString() {
      return "line " + line + (column.isEmpty() ? "" : ", column " + column) + ": " + message;
    }
  }

  /** One data row: cells by column (stripped, never null) and its line in the file. */
  public interface RowHandler {
    void row(Map<String, String> cells, long line);
  }

  private CsvExtract() {}

  /**
   * Checks the header against {@code columns} (all required, no others), then hands each row over.
   * Header problems stop the reading; unreadable CSV stops it with a problem at its line.
   */
  public static void read(Reader reader, List<String> columns, List<Problem> problems, RowHandler handler) throws IOException {
    read(reader, columns, List.of(), problems, handler);
  }

  /**
   * As {@link #read(Reader, List, List, RowHandler)}, with {@code optional} columns an older extract may
   * lack (their cells then read as empty), so a city's export keeps loading after the format grew.
   */
  static void read(Reader reader, List<String> columns, List<String> optional, List<Problem> problems, RowHandler handler) throws IOException {
    CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES).build();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(schema).readValues(reader)) {
      boolean headerChecked = false;
      while (true) {
        Map<String, String> row;
        long line;
        try {
          if (!rows.hasNextValue()) break;
          row = rows.nextValue();
          line = rows.getCurrentLocation().getLineNr() - (rows.getCurrentLocation().getColumnNr() == 1 ? 1 : 0);
        } catch (IOException | RuntimeException e) {
          problems.add(new Problem(rows.getCurrentLocation() == null ? 0 : rows.getCurrentLocation().getLineNr(), "", "not valid CSV"));
          return;
        }
        if (!headerChecked) {
          headerChecked = true;
          // The header as the file has it: a short first row's map would lack the last columns.
          Set<String> header = new LinkedHashSet<>();
          ((CsvParser) rows.getParser()).getSchema().forEach(c -> header.add(c.getName().replace("\uFEFF", "")));
          for (String c : columns) if (!header.contains(c)) problems.add(new Problem(1, c, "missing column"));
          for (String h : header) if (!columns.contains(h) && !optional.contains(h)) problems.add(new Problem(1, h, "unknown column"));
          if (!problems.isEmpty()) return;
        }
        Map<String, String> cells = new HashMap<>();
        row.forEach((k, v) -> cells.put(k.replace("\uFEFF", ""), v == null ? "" : v.strip()));
        handler.row(cells, line);
      }
    }
  }

  /** Adds an "is empty" problem for each of {@code required} that is; true when none was. */
  public static boolean present(Map<String, String> cells, List<String> required, long line, List<Problem> problems) {
    int before = problems.size();
    for (String c : required) if (cells.getOrDefault(c, "").isEmpty()) problems.add(new Problem(line, c, "is empty"));
    return problems.size() == before;
  }

  /** For a configuration error: how many problems, and the first. */
  public static String summary(List<Problem> problems) {
    return problems.size() + (problems.size() == 1 ? " problem: " : " problems, first: ") + problems.get(0);
  }

  /** What was read, only if nothing was refused: a half-read extract never replaces a good one. */
  public static <T> List<T> cleanOnly(List<T> read, List<Problem> problems) {
    return problems.isEmpty() ? List.copyOf(read) : List.of();
  }
}
