package jp.mynaterm.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExampleConfigs;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.broker.EmbeddedBroker;
import jp.mynaterm.hub.broker.trust.BrokerTrust;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.mqtt.MqttSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "connect-storm",
    mixinStandardHelpOptions = true,
    description = "N enrolled terminals connected over mutual TLS, the broker restarted, all reconnecting at once with their jittered backoff;"
        + " baseline: the same N terminals' first TLS connects, all at once to a broker that is up, in the same run.")
final class BenchConnectStormCommand extends Benchmark {
  @Option(names = "--terminals", defaultValue = "500", description = "Terminals (default: ${DEFAULT-VALUE}).")
  int terminals;

  /** The whole storm's bound: past it the run fails with what was still missing. */
  private static final Duration LIMIT = Duration.ofMinutes(3);

  @Override
  ResultLine measure() throws Exception {
    if (terminals < 1) throw new CommandFailure(ExitCodes.USAGE, "--terminals must be positive");
    try (BenchHub bench = BenchHub.start("connect-storm")) {
      Topics topics = new Topics(BenchHub.CITY);
      BrokerTrust trust = BrokerTrust.of(ExampleConfigs.hubPki(bench.hub.config()), topics);
      BrokerSettings settings = BrokerSettings.DEFAULT.withPort(Scratch.freePort());
      // A broker of the storm's own (the hub's trust, TLS only), so that it can be stopped and started again on its port.
      EmbeddedBroker broker = EmbeddedBroker.start(settings, bench.dir.resolve("storm-broker-1"), trust);
      List<MqttSession> sessions = new ArrayList<>();
      try {
        System.out.printf("enrolling %d terminals with the bench hub's PKI; broker on %s%n", terminals, settings.url());
        List<MqttSession.Options> options = new ArrayList<>();
        for (int t = 0; t < terminals; t++) {
          String id = "storm-" + t;
          options.add(MqttSession.Options.builder(settings.url(), id).tls(bench.enroll(id, Role.TAXI)).subscribe(topics.down(id, Topics.Down.ACKS)).build());
        }
        // The baseline: every terminal's first connect, all started at once on a broker that is up (no
        // backoff to wait out). One after another would take minutes for 500 and measure the poll, not TLS.
        long start = System.nanoTime();
        for (MqttSession.Options o : options) sessions.add(new MqttSession(o, (topic, m, ack) -> {}).start());
        Await.until(LIMIT, () -> sessions.stream().allMatch(MqttSession::connected), "every terminal's first connect");
        double baseline = (System.nanoTime() - start) / 1e9;
        System.out.printf("baseline, %d first TLS connects at once: %.2f s%n", terminals, baseline);

        broker.close();
        Await.until(Duration.ofSeconds(60), () -> sessions.stream().noneMatch(MqttSession::connected), "every terminal sees the broker gone");
        broker = EmbeddedBroker.start(settings, bench.dir.resolve("storm-broker-2"), trust);
        long restarted = System.nanoTime();
        Percentiles latency = new Percentiles(terminals);
        boolean[] back = new boolean[terminals];
        Await.until(LIMIT, () -> {
          boolean all = true;
          for (int t = 0; t < terminals; t++) {
            if (!back[t] && sessions.get(t).connected()) {
              back[t] = true;
              latency.add(System.nanoTime() - restarted);
            }
            all &= back[t];
          }
          return all;
        }, "every terminal reconnects after the broker restarted");
        double seconds = (System.nanoTime() - restarted) / 1e9;
        System.out.printf("storm: all %d terminals back %.2f s after the broker restarted (p50 %.1f ms, p99 %.1f ms)%n", terminals, seconds, latency.millis(50), latency.millis(99));
        return ResultLine.of("connect-storm").count("terminals", terminals).figure("seconds", seconds, 2).latency(latency).figure("baseline_seconds", baseline, 2);
      } finally {
        sessions.forEach(MqttSession::close);
        broker.close();
      }
    }
  }
}
