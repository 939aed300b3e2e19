package jp.mynaterm.config;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;

/**
 * The city's rules for certificates at kiosks, as J-LIS コンビニ交付 and Mino City set them.
 *
 * @param trustAnchors PEM/DER file of the user-authentication CAs' roots the hub trusts; default: the
 *     virtual cards' test PKI (development and demo only)
 * @param residents the resident register extract (CSV, see ResidentRegisterCsv); empty: none loaded.
 *     A relative path is from the working directory (the installation root for {@code ./mynaterm hub})
 * @param taxRecords the tax system's extract of income and tax per resident and fiscal year (CSV, see
 *     TaxRecordsCsv), resolved like {@code residents}; empty: none loaded, so 所得・課税証明書 is refused
 * @param verifyBaseUrl where the printed QR code sends a receiving office: the hub's public
 *     {@code /verify/} page, http(s) and ending with {@code /}; the code is appended. Default (empty):
 *     {@code http://{http.host}:{http.port}/verify/}, see {@link #verifyBaseUrlFor(HttpSettings)}
 * @param cityName the municipality as printed on certificates (default 美濃市)
 * @param authority the issuing authority printed above the seal (default 美濃市長)
 * @param opens when kiosks start issuing each day (default 06:30)
 * @param closes when they stop (default 23:00)
 * @param closedFrom the first day of the year-end closure (default 12-29)
 * @param closedUntil its last day (default 01-03)
 * @param holidays national holidays and maintenance days: no weekday-only certificates, and with
 *     {@code closedOnHolidays} none at all
 * @param types each certificate type's rule; a type not listed is not issued at kiosks
 */
public record IssuanceSettings(
    String trustAnchors,
    String residents,
    String taxRecords,
    String verifyBaseUrl,
    String cityName,
    String authority,
    String opens, String closes, String closedFrom, String closedUntil, List<String> holidays, List<String> maintenanceDays, Map<String, CertificateRule> types) {

  /** Mino City's kiosk fees are ¥50 below the counter's; the weekday-only type follows J-LIS practice. */
  public static final Map<String, CertificateRule> DEFAULT_TYPES =
      Map.of(
          "juminhyo", new CertificateRule(250, false, null, null, 15, 10),
          "inkan", new CertificateRule(250, false, null, null, 15, 10),
          "shotoku", new CertificateRule(250, false, null, null, 15, 10),
          "fuhyo", new CertificateRule(250, true, "09:00", "17:00", 15, 10));

  /** Scheme, host (optionally a port), any path, and the closing slash the code is appended to. */
  private static final java.util.regex.Pattern VERIFY_BASE_URL = java.util.regex.Pattern.compile("https?://[^/\\s?#]+(/[^\\s?#]*)?/");

  public static final IssuanceSettings DEFAULT = new IssuanceSettings(null, null, null, null, null, null, null, null, null, null, null, null, null);

  /** The default: the virtual cards' test CA (var/cards), which only development mode accepts. */
  public static final String VIRTUAL_CARD_ANCHORS = "var/cards/trust-anchors.pem";

  public IssuanceSettings {
    trustAnchors = Check.orDefault(trustAnchors, VIRTUAL_CARD_ANCHORS);
    residents = Check.orDefault(residents, "");
    taxRecords = Check.orDefault(taxRecords, "");
    verifyBaseUrl = Check.orDefault(verifyBaseUrl, "");
    if (!verifyBaseUrl.isEmpty() && !VERIFY_BASE_URL.matcher(verifyBaseUrl).matches()) {
      throw new InvalidValue("verifyBaseUrl", "must be an http:// or https:// URL ending with / (got '" + verifyBaseUrl + "')");
    }
    cityName = Check.orDefault(cityName, "美濃市");
    authority = Check.orDefault(authority, "美濃市長");
    opens = time("opens", Check.orDefault(opens, "06:30"));
    closes = time("closes", Check.orDefault(closes, "23:00"));
    if (!LocalTime.parse(closes).isAfter(LocalTime.parse(opens))) throw new InvalidValue("closes", "must be after opens");
    closedFrom = monthDay("closedFrom", Check.orDefault(closedFrom, "12-29"));
    closedUntil = monthDay("closedUntil", Check.orDefault(closedUntil, "01-03"));
    holidays = dates("holidays", Check.orDefault(holidays, List.of()));
    maintenanceDays = dates("maintenanceDays", Check.orDefault(maintenanceDays, List.of()));
    types = Map.copyOf(Check.orDefault(types, DEFAULT_TYPES));
    for (String t : types.keySet()) {
      if (!DEFAULT_TYPES.containsKey(t)) {
        throw new InvalidValue("types." + t, "is not a certificate type (known: " + String.join(", ", new java.util.TreeSet<>(DEFAULT_TYPES.keySet())) + ")");
      }
    }
  }

  /** The settings before tax records and the verify URL (both then default): callers written for them still compile. */
  public IssuanceSettings(
      String trustAnchors, String residents, String cityName, String authority, String opens, String closes, String closedFrom, String closedUntil,
      List<String> holidays, List<String> maintenanceDays, Map<String, CertificateRule> types) {
    this(trustAnchors, residents, null, null, cityName, authority, opens, closes, closedFrom, closedUntil, holidays, maintenanceDays, types);
  }

  /**
   * The verify page's base URL: {@code verifyBaseUrl} if set, else the hub's own page from its HTTP
   * settings, with 127.0.0.1 for a wildcard host (a QR code cannot send anyone to 0.0.0.0).
   */
  public String verifyBaseUrlFor(HttpSettings http) {
    if (!verifyBaseUrl.isEmpty()) return verifyBaseUrl;
    String host = switch (http.host()) {
      case "0.0.0.0", "::", "[::]", "" -> "127.0.0.1";
      default -> http.host().contains(":") && !http.host().startsWith("[") ? "[" + http.host() + "]" : http.host();
    };
    return "http://" + host + ":" + http.port() + "/verify/";
  }

  /**
   * One certificate type at kiosks.
   *
   * @param feeYen per copy
   * @param weekdaysOnly only Monday–Friday, not on holidays
   * @param opens/closes narrower hours for this type, or null for the kiosk's
   * @param minAge the youngest resident who may obtain it alone
   * @param maxCopies the most copies in one issuance
   */
  public record CertificateRule(Integer feeYen, Boolean weekdaysOnly, String opens, String closes, Integer minAge, Integer maxCopies) {
    public CertificateRule {
      feeYen = Check.range("feeYen", Check.orDefault(feeYen, 250), 0, 100_000);
      weekdaysOnly = Check.orDefault(weekdaysOnly, Boolean.FALSE);
      if (opens != null) time("opens", opens);
      if (closes != null) time("closes", closes);
      minAge = Check.range("minAge", Check.orDefault(minAge, 15), 0, 120);
      maxCopies = Check.range("maxCopies", Check.orDefault(maxCopies, 10), 1, 100);
    }
  }

  private static String time(String field, String value) {
    try {
      LocalTime.parse(value);
      return value;
    } catch (java.time.DateTimeException e) {
      throw new InvalidValue(field, "must be a time like 06:30 (got '" + value + "')");
    }
  }

  private static String monthDay(String field, String value) {
    try {
      MonthDay.parse("--" + value);
      return value;
    } catch (java.time.DateTimeException e) {
      throw new InvalidValue(field, "must be a month and day like 12-29 (got '" + value + "')");
    }
  }

  private static List<String> dates(String field, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      try {
        LocalDate.parse(values.get(i));
      } catch (java.time.DateTimeException | NullPointerException e) {
        throw new InvalidValue(field + "[" + i + "]", "must be a date like 2026-11-03 (got '" + values.get(i) + "')");
      }
    }
    return List.copyOf(values);
  }
}
