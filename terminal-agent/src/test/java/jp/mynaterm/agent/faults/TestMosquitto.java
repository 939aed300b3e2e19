package jp.mynaterm.agent.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.pki.TerminalPki;
import jp.mynaterm.testsupport.RealComponent;

/**
 * Debian's Mosquitto as a child process: deploy/mosquitto/mosquitto.conf as a city runs it (TLS only,
 * client certificates, the hub PKI's ACL and CRL) with the test's paths and port, in memory only.
 */
public final class TestMosquitto implements AutoCloseable {
  private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

  private final Path conf;
  private final Path log;
  private Process process;

  private TestMosquitto(Path conf, Path log) {
    this.conf = conf;
    this.log = log;
  }

  /** Fails the test (or skips it by MYNATERM_TEST_SKIP=mosquitto) when Mosquitto is not installed. */
  public static void require() {
    RealComponent.MOSQUITTO.require(Files.isExecutable(MOSQUITTO), "no " + MOSQUITTO);
  }

  /** Writes the configuration for the hub {@code hub}'s PKI into {@code dir} and starts Mosquitto on {@code port}. */
  public static TestMosquitto start(HubConfig hub, int port, Path dir) throws IOException {
    require();
    Path pki = TerminalPki.in(hub.hub().dataPath()).toAbsolutePath();
    String deployed = Files.readString(Path.of("..", "deploy", "mosquitto", "mosquitto.conf"));
    Path conf = dir.resolve("mosquitto.conf");
    // Default max_queued_messages (1000) stays: end-to-end acks make its drops harmless.
    Files.writeString(
        conf, deployed.replace("/opt/mynaterm/var/hub-1/pki/", pki + "/").replace("listener 8883\n", "listener " + port + " 127.0.0.1\n") + "user root\npersistence false\n");
    TestMosquitto m = new TestMosquitto(conf, dir.resolve("mosquitto.log"));
    m.restart();
    return m;
  }

  /** Starts it (again, after {@link #kill}) on the same configuration. */
  public void restart() throws IOException {
    process = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** SIGKILL: its sessions and queued messages are gone (persistence off). */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) kill();
  }
}
