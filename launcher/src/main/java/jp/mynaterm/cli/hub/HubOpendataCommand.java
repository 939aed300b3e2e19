package jp.mynaterm.cli.hub;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.opendata.MonthlyOpenData;
import jp.mynaterm.hub.opendata.Prefectures;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.MonthlyCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "opendata", mixinStandardHelpOptions = true, description = {
    "Writes a month's open data (CC BY 4.0): certificates issued at kiosks by type, library card use, hospital visits with the card,",
    "taxi rides by stop and hour (CSV, the standard open data sets' first columns), and the taxi as a GTFS-ride feed.",
    "Counts under 10 are hidden as 'x', with a second cell where a total would give one away."})
final class HubOpendataCommand implements Callable<Integer> {
  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month, e.g. 2026-11 (Japan time).")
  YearMonth month;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the files.")
  Path out;

  @picocli.CommandLine.Mixin HubConfigOption options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    HubConfig cfg = options.hub();
    var city = new MonthlyOpenData.City(cfg.municipality(), Prefectures.of(cfg.municipality()) + cfg.issuance().cityName());
    try (Database db = Database.open(cfg.storage())) {
      for (String f : new MonthlyOpenData(new EventRepository(db), new MonthlyCounts(db), city).write(month, Launch.resolve(out))) {
        spec.commandLine().getOut().println("wrote " + out.resolve(f));
      }
    }
    return ExitCodes.OK;
  }
}
