package jp.mynaterm.hub.issuance;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the resident register extract the city's 住基 system exports, UTF-8 CSV with a header:
 *
 * <pre>
 * resident_id,household_id,family_name,given_name,family_name_kana,given_name_kana,birth_date,sex,
 * address,relationship,head_of_household,honseki,honseki_in_city,seal_number,status
 * </pre>
 *
 * {@code birth_date} is ISO 8601 ({@code 1950-04-01}); {@code sex} ISO 5218 (1, 2, 9);
 * {@code head_of_household} and {@code honseki_in_city} Y or N; {@code status} current, moved-out
 * or deceased; {@code seal_number} empty when no seal is registered. Every bad row is reported with
 * its line and column and nothing is imported until the file is clean, so a half-read register never
 * replaces a good one.
 */
public final class ResidentRegisterCsv {
  public static final List<String> COLUMNS =
      List.of(
          "resident_id", "household_id", "family_name", "given_name", "family_name_kana", "given_name_kana", "birth_date", "sex",
          "address", "relationship", "head_of_household", "honseki", "honseki_in_city", "seal_number", "status");

  /** A row the import refused, and why. Never carries the row's content. */
  public record Problem(long line, String column, String message) {
    @Override
    public String toString() {
      return "line " + line + (column.isEmpty() ? "" : ", column " + column) + ": " + message;
    }
  }

  public record Result(List<Resident> residents, List<Problem> problems) {
    public boolean clean() {
      return problems.isEmpty();
    }
  }

  private ResidentRegisterCsv() {}

  public static Result read(Reader reader) throws IOException {
    CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES).build();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<Resident> residents = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, Integer> heads = new HashMap<>();
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
          break;
        }
        if (!headerChecked) {
          headerChecked = true;
          Set<String> header = new LinkedHashSet<>(row.keySet());
          for (String c : COLUMNS) if (!header.contains(stripBom(c, header))) problems.add(new Problem(1, c, "missing column"));
          for (String h : header) if (!COLUMNS.contains(h.replace("\uFEFF", ""))) problems.add(new Problem(1, h, "unknown column"));
          if (!problems.isEmpty()) return new Result(List.of(), problems);
        }
        Map<String, String> r = new HashMap<>();
        row.forEach((k, v) -> r.put(k.replace("\uFEFF", ""), v == null ? "" : v.strip()));
        Resident resident = parse(r, line, problems);
        if (resident == null) continue;
        if (!ids.add(resident.residentId())) {
          problems.add(new Problem(line, "resident_id", "appears twice"));
          continue;
        }
        if (resident.headOfHousehold()) heads.merge(resident.householdId(), 1, Integer::sum);
        residents.add(resident);
      }
    }
    for (Resident r : residents) {
      int n = heads.getOrDefault(r.householdId(), 0);
      if (n != 1) {
        problems.add(new Problem(0, "head_of_household", "household " + r.householdId() + " has " + n + " heads (exactly one needed)"));
        heads.put(r.householdId(), 1); // report each household once
      }
    }
    return new Result(problems.isEmpty() ? List.copyOf(residents) : List.of(), List.copyOf(problems));
  }

  private static String stripBom(String column, Set<String> header) {
    return header.contains("\uFEFF" + column) ? "\uFEFF" + column : column;
  }

  private static Resident parse(Map<String, String> r, long line, List<Problem> problems) {
    int before = problems.size();
    for (String c : List.of("resident_id", "household_id", "family_name", "birth_date", "sex", "address", "status")) {
      if (r.getOrDefault(c, "").isEmpty()) problems.add(new Problem(line, c, "is empty"));
    }
    if (problems.size() > before) return null;
    LocalDate born = null;
    try {
      born = LocalDate.parse(r.get("birth_date"));
    } catch (DateTimeParseException e) {
      problems.add(new Problem(line, "birth_date", "must be a date like 1950-04-01"));
    }
    var sex = Resident.Sex.ofCode(r.get("sex"));
    if (sex.isEmpty()) problems.add(new Problem(line, "sex", "must be 1, 2 or 9 (ISO 5218)"));
    Resident.Status status = null;
    try {
      status = Resident.Status.valueOf(r.get("status").toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(line, "status", "must be current, moved-out or deceased"));
    }
    Boolean head = yesNo(r, "head_of_household", line, problems);
    Boolean inCity = yesNo(r, "honseki_in_city", line, problems);
    if (problems.size() > before) return null;
    return new Resident(
        r.get("resident_id"), r.get("household_id"), r.get("family_name"), r.get("given_name"), r.get("family_name_kana"), r.get("given_name_kana"),
        born, sex.get(), r.get("address"), r.get("relationship"), head, r.get("honseki"), inCity, r.get("seal_number"), status);
  }

  private static Boolean yesNo(Map<String, String> r, String column, long line, List<Problem> problems) {
    return switch (r.getOrDefault(column, "")) {
      case "Y" -> true;
      case "N", "" -> false;
      default -> {
        problems.add(new Problem(line, column, "must be Y or N"));
        yield null;
      }
    };
  }
}
