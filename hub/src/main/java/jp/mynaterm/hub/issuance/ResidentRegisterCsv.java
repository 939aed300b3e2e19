package jp.mynaterm.hub.issuance;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
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
 *
 * <p>Three optional columns (an older extract without them still loads): {@code auth_cert_issuer}
 * (RFC 4514, e.g. {@code "CN=...,OU=...,O=...,C=JP"}, quoted for its commas) and {@code auth_cert_serial}
 * (hexadecimal, colons allowed) of the user-authentication certificate the city's window issued on the
 * resident's card, both or neither, each certificate once in the file; and {@code seal_impression}, the
 * registered seal's impression (印影) as a PNG or JPEG file of at most {@value #MAX_IMPRESSION_BYTES}
 * bytes, relative to the extract's folder, only with a {@code seal_number}. Only current residents
 * count as a household's head: exactly one per household that has current members.
 */
public final class ResidentRegisterCsv {
  public static final List<String> COLUMNS =
      List.of(
          "resident_id", "household_id", "family_name", "given_name", "family_name_kana", "given_name_kana", "birth_date", "sex",
          "address", "relationship", "head_of_household", "honseki", "honseki_in_city", "seal_number", "status");
  /** Added in #15; an extract without them loads, its residents found only through counter links and without impressions. */
  public static final List<String> OPTIONAL_COLUMNS = List.of("auth_cert_issuer", "auth_cert_serial", "seal_impression");
  /** A seal impression is a small scan; the hub sends it inside the kiosk's document (MQTT, 512 KiB at most). */
  public static final int MAX_IMPRESSION_BYTES = 100 * 1024;

  public record Result(List<Resident> residents, List<CsvExtract.Problem> problems) {
    public boolean clean() {
      return problems.isEmpty();
    }
  }

  private ResidentRegisterCsv() {}

  /** Reads an extract whose seal impressions are not checked (paths as written, from the working directory). */
  public static Result read(Reader reader) throws IOException {
    return read(reader, null);
  }

  /**
   * @param folder the extract's folder: seal impressions are resolved against it and each must be a
   *     readable file of at most {@link #MAX_IMPRESSION_BYTES}; null: not checked
   */
  public static Result read(Reader reader, Path folder) throws IOException {
    List<Resident> residents = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<Resident.UserAuthCertificate> certificates = new HashSet<>();
    Map<String, Integer> heads = new HashMap<>();
    CsvExtract.read(reader, COLUMNS, OPTIONAL_COLUMNS, problems, (r, line) -> {
      Resident resident = parse(r, line, folder, problems);
      if (resident == null) return;
      if (!ids.add(resident.residentId())) {
        problems.add(new Problem(line, "resident_id", "appears twice"));
        return;
      }
      if (resident.userAuth() != null && !certificates.add(resident.userAuth())) {
        problems.add(new Problem(line, "auth_cert_serial", "the same certificate is on an earlier row"));
        return;
      }
      if (resident.headOfHousehold() && resident.current()) heads.merge(resident.householdId(), 1, Integer::sum);
      residents.add(resident);
    });
    for (Resident r : residents) {
      if (!r.current()) continue; // a household whose members all left needs no head
      int n = heads.getOrDefault(r.householdId(), 0);
      if (n != 1) {
        problems.add(new Problem(0, "head_of_household", "household " + r.householdId() + " has " + n + " current heads (exactly one needed)"));
        heads.put(r.householdId(), 1); // report each household once
      }
    }
    return new Result(CsvExtract.cleanOnly(residents, problems), List.copyOf(problems));
  }

  private static Resident parse(Map<String, String> r, long line, Path folder, List<Problem> problems) {
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
    Resident.UserAuthCertificate userAuth = userAuth(r, line, problems);
    Path impression = impression(r, line, folder, problems);
    if (problems.size() > before) return null;
    return new Resident(
        r.get("resident_id"), r.get("household_id"), r.get("family_name"), r.get("given_name"), r.get("family_name_kana"), r.get("given_name_kana"),
        born, sex.get(), r.get("address"), r.get("relationship"), head, r.get("honseki"), inCity, r.get("seal_number"), status, userAuth, impression);
  }

  private static Resident.UserAuthCertificate userAuth(Map<String, String> r, long line, List<Problem> problems) {
    String issuer = r.getOrDefault("auth_cert_issuer", "");
    String serial = r.getOrDefault("auth_cert_serial", "").replace(":", "").replace(" ", "");
    if (issuer.isEmpty() && serial.isEmpty()) return null;
    if (issuer.isEmpty() || serial.isEmpty()) {
      problems.add(new Problem(line, issuer.isEmpty() ? "auth_cert_issuer" : "auth_cert_serial", "is empty (issuer and serial go together)"));
      return null;
    }
    X500Principal name = null;
    try {
      name = new X500Principal(issuer);
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(line, "auth_cert_issuer", "must be a distinguished name (RFC 4514)"));
    }
    BigInteger number = null;
    if (!serial.matches("[0-9A-Fa-f]{1,40}")) problems.add(new Problem(line, "auth_cert_serial", "must be hexadecimal (at most 20 bytes)"));
    else number = new BigInteger(serial, 16);
    return name == null || number == null ? null : new Resident.UserAuthCertificate(name, number);
  }

  private static Path impression(Map<String, String> r, long line, Path folder, List<Problem> problems) {
    String file = r.getOrDefault("seal_impression", "");
    if (file.isEmpty()) return null;
    if (r.getOrDefault("seal_number", "").isEmpty()) {
      problems.add(new Problem(line, "seal_impression", "given without a seal_number"));
      return null;
    }
    Path path = folder == null ? Path.of(file) : folder.resolve(file).normalize();
    if (folder == null) return path;
    try {
      if (!Files.isRegularFile(path)) problems.add(new Problem(line, "seal_impression", "no such file"));
      else if (Files.size(path) > MAX_IMPRESSION_BYTES) problems.add(new Problem(line, "seal_impression", "larger than " + MAX_IMPRESSION_BYTES + " bytes"));
    } catch (IOException e) {
      problems.add(new Problem(line, "seal_impression", "cannot be read"));
    }
    return path;
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
