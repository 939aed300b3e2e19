package jp.mynaterm.cli.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.HubSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.Hub;

/** A hub with its embedded broker on a free loopback port and its data in a temporary directory, for benchmarks. */
final class BenchHub implements AutoCloseable {
  static final String CITY = "212075";

  final Path dir;
  final Hub hub;

  private BenchHub(Path dir, Hub hub) {
    this.dir = dir;
    this.hub = hub;
  }

  static BenchHub start(String name) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("mynaterm-bench-" + name + "-");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HubConfig config = new HubConfig(Role.HUB, CITY, new HubSettings("bench-hub", dir.resolve("hub").toString(), null), BrokerSettings.DEFAULT.withPort(port), null, null, null);
    Hub hub = Hub.start(config);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!hub.connected()) {
      if (System.nanoTime() > deadline) throw new IOException("the bench hub did not connect to its broker");
      Thread.sleep(20);
    }
    return new BenchHub(dir, hub);
  }

  long stored() {
    try {
      return hub.events().count();
    } catch (java.sql.SQLException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot count stored events: " + e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    hub.close();
    deleteTree(dir);
  }

  /** Removes a benchmark's temporary directory and everything in it. */
  static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
