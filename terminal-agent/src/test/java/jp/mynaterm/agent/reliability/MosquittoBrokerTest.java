package jp.mynaterm.agent.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.config.BrokerSettings;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's Mosquitto 2.0 as the external broker of agent and hub, with its default queue limits. */
class MosquittoBrokerTest {
  private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
  @TempDir Path dir;

  @Test
  void anAgentDeliversEveryEventThroughMosquittoExactlyOnce() throws Exception {
    RealComponent.MOSQUITTO.require(Files.isExecutable(MOSQUITTO), "no " + MOSQUITTO);
    int port = Rig.freePort();
    String url = "ssl://127.0.0.1:" + port;
    BrokerSettings external = new BrokerSettings(false, null, null, url, null, null, null, null);
    var hubConfig = Rig.hubConfig(dir.resolve("hub"), external, null);
    Rig.enroll(hubConfig, "taxi-m", jp.mynaterm.config.Role.TAXI, dir);
    // deploy/mosquitto/mosquitto.conf as a city runs it (TLS only, client certificates, the PKI's ACL and CRL),
    // with this test's paths and port. Default max_queued_messages (1000) stays: end-to-end acks make its drops harmless.
    Path pki = jp.mynaterm.hub.pki.TerminalPki.in(hubConfig.hub().dataPath()).toAbsolutePath();
    String deployed = Files.readString(Path.of("..", "deploy", "mosquitto", "mosquitto.conf"));
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf, deployed.replace("/opt/mynaterm/var/hub-1/pki/", pki + "/").replace("listener 8883\n", "listener " + port + " 127.0.0.1\n") + "user root\npersistence false\n");
    Process mosquitto = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    try {
      try (Hub hub = Hub.start(hubConfig);
          Agent agent = Agent.start(Rig.taxi(dir, "taxi-m", url), "test")) {
        for (int i = 0; i < 2000; i++) agent.record(Rig.ride(i));
        await("2000 stored via Mosquitto").atMost(Duration.ofSeconds(60)).until(() -> Rig.count(hub) == 2000);
        await("outbox empties").atMost(Duration.ofSeconds(20)).until(() -> agent.outbox().depth() == 0);
        assertEquals(LongStream.rangeClosed(1, 2000).boxed().toList(), Rig.seqs(hub, "taxi-m"));
        assertEquals(20, agent.stats().receiveMaximum(), "Mosquitto's Receive Maximum, from CONNACK");
      }
    } finally {
      mosquitto.destroy();
      if (!mosquitto.waitFor(10, TimeUnit.SECONDS)) mosquitto.destroyForcibly();
    }
  }
}
