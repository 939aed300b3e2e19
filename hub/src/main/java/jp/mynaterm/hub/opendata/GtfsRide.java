package jp.mynaterm.hub.opendata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

/**
 * The demand taxi's month as a GTFS-ride feed (ODOT's GTFS-ride specification): ride_feed_info.txt,
 * board_alight.txt (boardings by stop; the month's demand service is one aggregate trip,
 * {@code demand-YYYYMM}, since a demand taxi has no timetable trips) and ridership.txt (the month's
 * total, and each stop by hour). Only stops: rides away from every stop are in the total, not by zone
 * (zones are not in stops.txt). A count under the threshold cannot be "x" in GTFS, so its row is left out,
 * and a second one with it where the total would give it away. Never rider_trip.txt.
 */
final class GtfsRide {
  private GtfsRide() {}

  static List<String> write(Path dir, YearMonth month, RideTable table) throws IOException {
    Files.createDirectories(dir);
    String start = MonthlyOpenData.gtfsDate(month.atDay(1));
    String end = MonthlyOpenData.gtfsDate(month.atEndOfMonth());
    String trip = "demand-" + month.toString().replace("-", "");
    // The suppression is the CSV's (zones and unknown places take part in it, and are not written here).
    List<String> stops = table.placeTotals.keySet().stream().filter(p -> !p.startsWith("zone:") && !p.equals("不明")).toList();
    StringBuilder boardAlight = new StringBuilder("trip_id,stop_id,boardings,source\r\n");
    StringBuilder ridership = new StringBuilder("ridership_count,ridership_start_date,ridership_end_date,ridership_start_time,ridership_end_time,stop_id\r\n");
    if (!table.total.equals(Suppression.HIDDEN)) ridership.append(table.total).append(',').append(start).append(',').append(end).append(",,,\r\n");
    for (String stop : stops) {
      String boardings = table.placeTotals.get(stop);
      if (!boardings.equals(Suppression.HIDDEN)) boardAlight.append(trip).append(',').append(stop).append(',').append(boardings).append(",2\r\n");
      table.hours.get(stop).forEach((hour, count) -> {
        if (count.equals(Suppression.HIDDEN)) return;
        ridership.append(count).append(',').append(start).append(',').append(end).append(',')
            .append(String.format("%02d:00:00,%02d:59:59,", hour, hour)).append(stop).append("\r\n");
      });
    }
    String info = "ride_files,ride_start_date,ride_end_date,ride_feed_version\r\n4," + start + "," + end + "," + month + "\r\n";
    Files.writeString(dir.resolve("ride_feed_info.txt"), info, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("board_alight.txt"), boardAlight, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("ridership.txt"), ridership, StandardCharsets.UTF_8);
    String name = dir.getFileName().toString();
    return List.of(name + "/ride_feed_info.txt", name + "/board_alight.txt", name + "/ridership.txt");
  }
}
