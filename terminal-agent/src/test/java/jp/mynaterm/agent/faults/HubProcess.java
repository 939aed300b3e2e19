package jp.mynaterm.agent.faults;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.HubSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.issuance.OpenHoursClock;

/**
 * A hub in a process of its own, for a test to kill with SIGKILL. Prints "started" once it takes
 * connections, then runs until killed. Either with its embedded broker — {@code args[0]} its data
 * directory (with the PKI the test made there), {@code args[1]} the broker's port — or as one hub
 * of a group ({@link #group}): {@code args[0]} the data directory, {@code args[1]} "group", then the
 * external broker's URL, the JDBC URL, the hub id, the share group and the HTTP port; it also prints
 * "ingesting" once it has stored events of its own share.
 */
public final class HubProcess {
  private HubProcess() {}

  /** The arguments for one hub of {@code shareGroup} on the broker at {@code url} and the database at {@code jdbcUrl}. */
  public static String[] group(Path dataDir, String url, String jdbcUrl, String hubId, String shareGroup, int httpPort) {
    return new String[] {dataDir.toString(), "group", url, jdbcUrl, hubId, shareGroup, Integer.toString(httpPort)};
  }

  public static void main(String[] args) throws Exception {
    if (!args[1].equals("group")) {
      Hub hub = Hub.start(Rig.hubConfig(Path.of(args[0]), Integer.parseInt(args[1])));
      System.out.println("started " + hub.getClass().getSimpleName());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
    BrokerSettings broker = new BrokerSettings(false, null, null, args[2], null, null, null, null, args[5]);
    HubConfig config = new HubConfig(
        Role.HUB, Rig.CITY, new HubSettings(args[4], args[0], null), broker, new StorageSettings(args[3], null, null), new HttpSettings("127.0.0.1", Integer.parseInt(args[6])), null, null, true);
    // Issuance answers as on a weekday morning, whenever the test runs (the city's opening hours hold).
    Hub hub = Hub.start(config, OpenHoursClock.weekdayMorning(java.time.Clock.systemUTC(), config.issuance()));
    System.out.println("started " + args[4]);
    System.out.flush();
    ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
    watch.scheduleWithFixedDelay(() -> {
      if (hub.ingest().stored() > 0) {
        System.out.println("ingesting " + args[4]);
        System.out.flush();
        watch.shutdown();
      }
    }, 0, 20, TimeUnit.MILLISECONDS);
    Thread.sleep(Long.MAX_VALUE);
  }
}
