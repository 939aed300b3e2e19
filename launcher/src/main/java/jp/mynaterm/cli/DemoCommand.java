package jp.mynaterm.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.DurationText;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.Hub;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole system on embedded defaults, from config/examples/: each part says what it started.
 * Every capability joins here as it is built.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs the whole system on embedded defaults until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--for", paramLabel = "DURATION", description = "Stop by itself after this long (e.g. 30s); default: until Ctrl-C.")
  String runFor;

  @Override
  public Integer call() throws Exception {
    Duration limit = runFor == null ? null : DurationText.parse(runFor);
    ConfigLoader loader = new ConfigLoader();
    Path examples = Launch.home().resolve("config/examples");
    List<AutoCloseable> running = new ArrayList<>();
    try {
      HubConfig hubConfig = loader.load(examples.resolve("hub.yaml"), HubConfig.class);
      Hub hub = Hub.start(hubConfig);
      running.add(hub);
      hub.describe().forEach(line -> System.out.println("started: " + line));
      System.out.println("mynaterm demo is running; Ctrl-C stops it. / デモ実行中。Ctrl-C で終了します。");
      Launch.awaitShutdown(limit);
    } finally {
      for (int i = running.size() - 1; i >= 0; i--) running.get(i).close();
    }
    return ExitCodes.OK;
  }
}
