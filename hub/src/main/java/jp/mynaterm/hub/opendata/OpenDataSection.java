package jp.mynaterm.hub.opendata;

import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.mynaterm.hub.console.ConsoleRequest;
import jp.mynaterm.hub.console.ConsoleRoutes;
import jp.mynaterm.hub.console.ConsoleSection;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * Console §8: the months of open data, each a ZIP of the files {@code ./mynaterm hub opendata} writes
 * ({@link MonthlyOpenData}, made when asked, so a month always has what the hub holds now). Open data is
 * aggregated and suppressed for publication, so every staff role may download it.
 */
public final class OpenDataSection implements ConsoleSection {
  /** The months listed: this one and the twelve before (a year compared with the one before). */
  static final int MONTHS = 13;
  private final EventRepository events;
  private final jp.mynaterm.hub.storage.MonthlyCounts counts;
  private final MonthlyOpenData.City city;
  private final Clock clock;

  public OpenDataSection(EventRepository events, jp.mynaterm.hub.storage.MonthlyCounts counts, MonthlyOpenData.City city, Clock clock) {
    this.events = events;
    this.counts = counts;
    this.city = city;
    this.clock = clock;
  }

  @Override
  public String id() {
    return "opendata";
  }

  @Override
  public String titleKey() {
    return "opendata.title";
  }

  @Override
  public Set<StaffRole> roles() {
    return EnumSet.allOf(StaffRole.class);
  }

  @Override
  public void routes(ConsoleRoutes routes) {
    routes.get("", r -> r.render("opendata/months.jte", Map.of("months", months())));
    routes.get("/{month}", this::download);
  }

  List<YearMonth> months() {
    YearMonth now = YearMonth.from(clock.instant().atZone(MonthlyOpenData.CITY));
    List<YearMonth> out = new ArrayList<>();
    for (int i = 0; i < MONTHS; i++) out.add(now.minusMonths(i));
    return out;
  }

  private void download(ConsoleRequest r) throws Exception {
    String asked = r.ctx().pathParam("month").replaceFirst("\\.zip$", "");
    YearMonth month;
    try {
      month = YearMonth.parse(asked);
    } catch (DateTimeParseException e) {
      r.ctx().status(HttpStatus.NOT_FOUND);
      return;
    }
    if (!months().contains(month)) {
      r.ctx().status(HttpStatus.NOT_FOUND);
      return;
    }
    Path dir = Files.createTempDirectory("opendata-");
    try {
      new MonthlyOpenData(events, counts, city).write(month, dir);
      r.ctx().contentType("application/zip").header("Content-Disposition", "attachment; filename=\"opendata-" + month + ".zip\"").header("Cache-Control", "no-store");
      try (OutputStream out = r.ctx().outputStream(); ZipOutputStream zip = new ZipOutputStream(out); Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          zip.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
          Files.copy(f, zip);
          zip.closeEntry();
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
      } catch (IOException e) {
        // a temporary folder left behind: the system's temp cleaner removes it
      }
    }
  }
}
