package jp.mynaterm.cli.hub;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.kpi.CounterIssuance;
import jp.mynaterm.hub.kpi.CounterIssuanceCsv;
import jp.mynaterm.hub.storage.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "counter-issuance", mixinStandardHelpOptions = true,
    description = "Certificates issued at the city's counters (the other half of the plan's share issued at kiosks).",
    subcommands = HubCounterIssuanceCommand.Import.class)
final class HubCounterIssuanceCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** Imports the counter system's monthly CSV; a bad file is one line naming its row and column, and nothing is imported. */
  @Command(name = "import", mixinStandardHelpOptions = true, description = {
      "Imports the counter system's monthly CSV (UTF-8, header month,certificate_type,copies; hub/README.md).",
      "The months it names replace what was imported for them before; recorded in the audit log."})
  static final class Import implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The CSV file.")
    Path file;

    @picocli.CommandLine.Mixin HubConfigOption options;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      HubConfig cfg = options.hub();
      Path csv = Launch.resolve(file);
      CounterIssuanceCsv.Result read = read(csv);
      if (!read.clean()) throw new CommandFailure(ExitCodes.USAGE, file + ": " + read.summary() + "; nothing imported");
      if (read.rows().isEmpty()) throw new CommandFailure(ExitCodes.USAGE, file + ": no rows; nothing imported");
      try (Database db = Database.open(cfg.storage())) {
        CounterIssuance.Imported done = new CounterIssuance(db, java.time.Clock.systemUTC()).importRows(read.rows(), Launch.operator(), csv.getFileName().toString());
        spec.commandLine().getOut().printf("imported %d rows (%,d copies) for %s / 窓口の交付件数を取り込みました%n", done.rows(), done.copies(),
            String.join(", ", done.months().stream().map(Object::toString).toList()));
      }
      return ExitCodes.OK;
    }

    private static CounterIssuanceCsv.Result read(Path csv) {
      try (Reader r = new java.io.InputStreamReader(Files.newInputStream(csv),
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
        return CounterIssuanceCsv.read(r);
      } catch (CharacterCodingException e) {
        throw new CommandFailure(ExitCodes.USAGE, csv + ": is not UTF-8 text; nothing imported");
      } catch (IOException e) {
        throw new CommandFailure(ExitCodes.USAGE, csv + ": cannot be read (" + e.getMessage() + "); nothing imported");
      }
    }
  }
}
