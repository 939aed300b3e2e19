package jp.mynaterm.hub.opendata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.MonthlyCounts;
import jp.mynaterm.hub.storage.StoredEvent;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.Location;
import jp.mynaterm.protocol.event.RideBoarded;

/**
 * A month's open data (plan ⑥: open data sets 13 → 20), in the style of the national standard open data
 * sets (自治体標準オープンデータセット): CSV in UTF-8, the columns 全国地方公共団体コード, ID and
 * 地方公共団体名 first. Certificates issued at kiosks by type; library card registrations, loans and
 * returns with the card; hospital visits with the card; taxi rides by stop and hour — counted from the
 * hub's events, cells under {@value Suppression#THRESHOLD} hidden ({@link Suppression}). The taxi also as
 * a GTFS-ride feed (ride_feed_info.txt, board_alight.txt, ridership.txt), never rider_trip.txt: a rider's
 * trips are exactly what is not published. Licence CC BY 4.0, said in metadata.csv.
 */
public final class MonthlyOpenData {
  public static final java.time.ZoneId CITY = MonthlyCounts.CITY;
  static final String LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/deed.ja)";
  private static final DateTimeFormatter GTFS_DATE = DateTimeFormatter.BASIC_ISO_DATE;
  /**
   * Rows of cells as CSV: Jackson's CSV writer (as the extracts are read with), quoting only where a cell
   * needs it, CRLF lines. The console's KPI download writes with it too.
   */
  public static final com.fasterxml.jackson.databind.ObjectWriter CSV =
      new com.fasterxml.jackson.dataformat.csv.CsvMapper().writer(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withLineSeparator("\r\n"));

  /** A city as the standard's first columns name it. */
  public record City(String code, String name) {}

  private final EventRepository events;
  private final MonthlyCounts counts;
  private final City city;

  public MonthlyOpenData(EventRepository events, MonthlyCounts counts, City city) {
    this.events = events;
    this.counts = counts;
    this.city = city;
  }

  /** Writes the month's files into {@code out}; returns their names. */
  public List<String> write(YearMonth month, Path out) throws SQLException, IOException {
    Files.createDirectories(out);
    // Certificates, library and hospital figures are the monthly counts the console's KPIs read too
    // (MonthlyCounts: one rule for what counts); rides are read whole, by place and hour.
    Map<String, Long> certificates = counts.byPart(month, MonthlyCounts.KIOSK_COPIES);
    long libraryLinks = counts.byPart(month, MonthlyCounts.CARD_LINKED).getOrDefault("library", 0L);
    long loans = counts.byPart(month, MonthlyCounts.LIBRARY_LOANS).getOrDefault("", 0L);
    long returns = counts.byPart(month, MonthlyCounts.LIBRARY_RETURNS).getOrDefault("", 0L);
    long visits = counts.byPart(month, MonthlyCounts.HOSPITAL_VISITS).getOrDefault("", 0L);
    var from = month.atDay(1).atStartOfDay(CITY).toInstant();
    var until = month.plusMonths(1).atDay(1).atStartOfDay(CITY).toInstant();
    Map<String, Map<Integer, Long>> ridesByPlaceAndHour = new TreeMap<>();
    for (StoredEvent e : events.ofTypesBetween(List.of(EventTypes.of(RideBoarded.class)), from, until)) {
      if (e.record().event() instanceof RideBoarded r) {
        int hour = LocalDateTime.ofInstant(e.record().time().wall(), CITY).getHour();
        ridesByPlaceAndHour.computeIfAbsent(place(r.location()), k -> new TreeMap<>()).merge(hour, 1L, Long::sum);
      }
    }
    String ym = month.toString();
    List<String> written = new ArrayList<>();
    written.add(csv(out, "kiosk-certificates-" + ym + ".csv", List.of("年月", "証明書の種類", "交付通数"), groupRows(ym, certificates)));
    written.add(csv(out, "library-card-use-" + ym + ".csv", List.of("年月", "区分", "件数"), List.of(
        List.of(ym, "マイナンバーカードによる図書館カード登録", Suppression.cell(libraryLinks)),
        List.of(ym, "マイナンバーカードによる貸出", Suppression.cell(loans)),
        List.of(ym, "マイナンバーカードによる返却", Suppression.cell(returns)))));
    written.add(csv(out, "hospital-visits-" + ym + ".csv", List.of("年月", "区分", "件数"),
        List.of(List.of(ym, "マイナンバーカード（診察券）による受付", Suppression.cell(visits)))));
    written.add(csv(out, "taxi-rides-" + ym + ".csv", List.of("年月", "乗車地", "時台", "乗車数"), rideRows(ym, ridesByPlaceAndHour)));
    written.addAll(GtfsRide.write(out.resolve("gtfs-ride-" + ym), month, new RideTable(ridesByPlaceAndHour)));
    written.add(metadata(out, month, written));
    return written;
  }

  /** A stop's id, or the zone the ride was in; rides with no location at all count as "unknown". */
  static String place(Location where) {
    if (where == null) return "不明";
    if (where.stop() != null) return where.stop();
    return String.format(java.util.Locale.ROOT, "zone:%.5f_%.5f", where.lat(), where.lon());
  }

  private static List<List<String>> groupRows(String ym, Map<String, Long> counts) {
    List<Long> values = List.copyOf(counts.values());
    List<String> shown = Suppression.group(values);
    List<List<String>> rows = new ArrayList<>();
    int i = 0;
    for (String type : counts.keySet()) rows.add(List.of(ym, type, shown.get(i++)));
    rows.add(List.of(ym, "合計", Suppression.total(values)));
    return rows;
  }

  private static List<List<String>> rideRows(String ym, Map<String, Map<Integer, Long>> byPlace) {
    RideTable table = new RideTable(byPlace);
    List<List<String>> rows = new ArrayList<>();
    for (String place : table.placeTotals.keySet()) {
      table.hours.get(place).forEach((hour, shown) -> rows.add(List.of(ym, place, hour + "時台", shown)));
      rows.add(List.of(ym, place, "計", table.placeTotals.get(place)));
    }
    rows.add(List.of(ym, "合計", "計", table.total));
    return rows;
  }

  private String csv(Path dir, String name, List<String> header, List<List<String>> rows) throws IOException {
    List<List<String>> lines = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("全国地方公共団体コード", "ID", "地方公共団体名"));
    head.addAll(header);
    lines.add(head);
    int id = 1;
    for (List<String> row : rows) {
      List<String> cells = new ArrayList<>(List.of(city.code(), String.format("%s%05d", city.code(), id++), city.name()));
      cells.addAll(row);
      lines.add(cells);
    }
    CSV.writeValue(dir.resolve(name).toFile(), lines);
    return name;
  }

  private String metadata(Path out, YearMonth month, List<String> files) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (String f : files) {
      rows.add(List.of(f, month.toString(), LICENCE,
          "マイナンバーカード利用端末の記録から集計。" + Suppression.THRESHOLD + "未満の値は「" + Suppression.HIDDEN + "」（秘匿）、合計から逆算できないよう他の1セルも秘匿。"));
    }
    return csv(out, "metadata-" + month + ".csv", List.of("ファイル名", "対象期間", "ライセンス", "説明"), rows);
  }

  static String gtfsDate(java.time.LocalDate d) {
    return d.format(GTFS_DATE);
  }
}
