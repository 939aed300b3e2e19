package jp.mynaterm.cli.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.DurationText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole system on embedded defaults, from config/examples/: each part says what it started.
 * Every capability joins here as a {@link DemoPart}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs the whole system on embedded defaults until Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--for", paramLabel = "DURATION", description = "Stop by itself after this long (e.g. 30s); default: until Ctrl-C.")
  String runFor;

  /** In start order; stopped in reverse. */
  static List<DemoPart> parts() {
    return List.of(new HubDemoPart(), new ConsoleDemoPart(), new EnrollmentDemoPart(), new KpiDemoPart(), new PeripheralsDemoPart(), new VirtualCardDemoPart(), new AgentsDemoPart(), new TaxiDemoPart(),
        new LibraryCounterDemoPart(), new HospitalCounterDemoPart(), new KioskDemoPart());
  }

  @Override
  public Integer call() throws Exception {
    Duration limit = runFor == null ? null : DurationText.parse(runFor);
    DemoContext context = new DemoContext();
    List<DemoPart> started = new ArrayList<>();
    try {
      for (DemoPart part : parts()) {
        started.add(part);
        part.start(context).forEach(line -> System.out.println("started: " + line));
      }
      System.out.println("mynaterm demo is running; Ctrl-C stops it. / デモ実行中。Ctrl-C で終了します。");
      Launch.awaitShutdown(limit);
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).close();
        } catch (Exception e) {
          System.err.println("mynaterm: stopping " + started.get(i).getClass().getSimpleName() + ": " + e.getMessage());
        }
      }
    }
    return ExitCodes.OK;
  }
}
