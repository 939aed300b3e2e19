package jp.mynaterm.hub.issuance;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.mynaterm.hub.issuance.CsvExtract.Problem;

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

  public record Result(List<Resident> residents, List<CsvExtract.Problem> problems) {
    public boolean clean() {
      return problems.isEmpty();
    }
  }

  private ResidentRegisterCsv() {}

  public static Result read(Reader reader) throws IOException {
    List<Resident> residents = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, Integer> heads = new HashMap<>();
    CsvExtract.read(reader, COLUMNS, problems, (r, line) -> {
      Resident resident = parse(r, line, problems);
      if (resident == null) return;
      if (!ids.add(resident.residentId())) {
        problems.add(new Problem(line, "resident_id", "appears twice"));
        return;
      }
      if (resident.headOfHousehold()) heads.merge(resident.householdId(), 1, Integer::sum);
      residents.add(resident);
    });
    for (Resident r : residents) {
      int n = heads.getOrDefault(r.householdId(), 0);
      if (n != 1) {
        problems.add(new Problem(0, "head_of_household", "household " + r.householdId() + " has " + n + " heads (exactly one needed)"));
        heads.put(r.householdId(), 1); // report each household once
      }
    }
    return new Result(CsvExtract.cleanOnly(residents, problems), List.copyOf(problems));
  }

  private static Resident parse(Map<String, String> r, long line, List<Problem> problems) {
    int before = problems.size();
    if (!CsvExtract.present(r, List.of("resident_id", "household_id", "family_name", "birth_date", "sex", "address", "status"), line, problems)) return null;
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
