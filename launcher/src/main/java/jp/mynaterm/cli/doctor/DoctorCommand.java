package jp.mynaterm.cli.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import jp.mynaterm.agent.downlink.DownlinkStore;
import jp.mynaterm.agent.downlink.ListAges;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.RoleConfig;
import jp.mynaterm.config.TerminalConfig;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pcsc.Readers;
import jp.mynaterm.hardware.print.CupsPrinter;
import jp.mynaterm.protocol.mqtt.MqttTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a technician runs at a counter before asking anyone: each part a terminal or hub needs, one
 * line each ({@code ok}, {@code warn} or {@code FAIL} and why), exit 1 when something fails. Without
 * {@code --config} only the machine's parts (pcscd and readers, clock, disk); the installed
 * {@code mynaterm doctor} passes the files of the services enabled on the machine.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks readers and pcscd, printer and paper, the broker over TLS, certificate expiry, the clock,",
      "free disk and the age of the terminal's lists; one line each. Exit 0: all ok (warnings allowed), 1: something failed."
    })
public final class DoctorCommand implements Callable<Integer> {
  /** A certificate closer to its end than this is a warning: time to renew before it stops a terminal. */
  static final Duration RENEW_BEFORE = Duration.ofDays(30);
  /** Less free space than this fails: SQLite needs room for its WAL and a hub backup. */
  static final long MIN_FREE_BYTES = 256L << 20;
  private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(5);

  @Option(names = "--config", paramLabel = "FILE", description = "a role's configuration (repeatable); the checks follow from it")
  List<Path> configs = new ArrayList<>();

  enum Level { ok, warn, FAIL }

  record Line(String part, Level level, String detail) {
    @Override
    public String toString() {
      return String.format("%-12s %-4s %s", part, level, detail);
    }
  }

  private final List<Line> lines = new ArrayList<>();

  @Override
  public Integer call() {
    List<RoleConfig> roles = new ArrayList<>();
    for (Path file : configs) roles.add(Launch.loaderWith(java.util.Map.of()).load(Launch.resolve(file)));
    if (roles.isEmpty() || roles.stream().anyMatch(r -> r instanceof TerminalConfig)) check("readers", this::readers);
    for (RoleConfig role : roles) {
      switch (role) {
        case TerminalConfig t -> terminal(t);
        case HubConfig h -> hub(h);
      }
    }
    check("clock", DoctorCommand::clock);
    if (roles.isEmpty()) check("disk", () -> disk(Launch.home()));
    lines.forEach(System.out::println);
    return lines.stream().anyMatch(l -> l.level() == Level.FAIL) ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  private void terminal(TerminalConfig t) {
    Path dir = Launch.resolve(t.terminal().dataPath());
    var printer = t.peripherals().printer();
    if (!printer.queue().isEmpty()) check("printer", () -> printer(printer.cups(), printer.queue(), printer.jobTimeout()));
    String slip = t.peripherals().slip().connection();
    if (!slip.isEmpty()) check("slip", () -> slip(slip));
    var tls = t.mqtt().tls();
    Path cert = tls.certificateIn(dir);
    Path ca = tls.caIn(dir);
    check("broker", () -> broker(t.mqtt().url(), new MqttTls(tls.keyIn(dir), cert, ca).socketFactory()));
    check("cert", () -> expiry(cert));
    check("ca", () -> expiry(ca));
    if (!t.card().trustAnchors().isEmpty()) check("card-ca", () -> expiry(Launch.resolve(Path.of(t.card().trustAnchors()))));
    check("disk", () -> disk(dir));
    check("lists", () -> lists(dir.resolve("downlink.db"), t.terminal().maxListAge()));
  }

  private void hub(HubConfig h) {
    var broker = h.broker();
    check("broker", () -> broker("ssl://" + broker.host() + ":" + broker.port(), anyServer()));
    check("disk", () -> disk(Launch.resolve(h.hub().dataPath())));
  }

  /** One check's line; a check that throws fails with what it threw. */
  private void check(String part, Check check) {
    try {
      Line l = check.run();
      lines.add(new Line(part, l.level(), l.detail()));
    } catch (Exception e) {
      lines.add(new Line(part, Level.FAIL, e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.toString()));
    }
  }

  @FunctionalInterface
  private interface Check {
    Line run() throws Exception;
  }

  private static Line line(Level level, String detail) {
    return new Line("", level, detail);
  }

  private Line readers() {
    return switch (Readers.ofThisJvm().list()) {
      case CardResult.Failed<List<Readers.Reader>> f -> line(Level.FAIL, "pcscd: " + f.problem().describe());
      case CardResult.Ok<List<Readers.Reader>> ok when ok.value().isEmpty() -> line(Level.FAIL, "pcscd runs, but no card reader is connected");
      case CardResult.Ok<List<Readers.Reader>> ok -> line(Level.ok, ok.value().size() + " via pcscd: "
          + ok.value().stream().map(r -> r.name() + (r.cardPresent() ? " (card in)" : "")).collect(Collectors.joining(", ")));
    };
  }

  private static Line printer(String cups, String queue, Duration jobTimeout) throws Exception {
    if (queue.startsWith("dir:")) return line(Level.warn, "certificates go to files in " + queue.substring(4) + ", not to paper");
    java.util.Optional<jp.mynaterm.hardware.print.PrintProblem> problem;
    try {
      problem = new CupsPrinter(URI.create(cups), queue, jobTimeout).problemNow();
    } catch (java.net.ConnectException e) {
      return line(Level.FAIL, "CUPS does not answer at " + cups + " (systemctl status cups)");
    }
    return problem.map(p -> line(Level.FAIL, queue + ": " + p.english()))
        .orElseGet(() -> line(Level.ok, queue + " at " + cups + ": ready, paper in"));
  }

  /** The receipt printer's connection: the device there and writable, or the printer's port answering. */
  private static Line slip(String connection) throws IOException {
    if (connection.startsWith("dir:")) return line(Level.warn, "slips go to files in " + connection.substring(4) + ", not to paper");
    if (connection.startsWith("device:")) {
      Path device = Path.of(connection.substring("device:".length()));
      if (!Files.exists(device)) return line(Level.FAIL, device + " is missing (printer off or unplugged?)");
      return Files.isWritable(device) ? line(Level.ok, device + " writable") : line(Level.FAIL, device + " not writable by " + System.getProperty("user.name"));
    }
    String[] hostPort = connection.substring("tcp:".length()).split(":");
    try (var s = new java.net.Socket()) {
      s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), (int) NETWORK_TIMEOUT.toMillis());
      return line(Level.ok, connection + " answers");
    } catch (IOException e) {
      return line(Level.FAIL, connection + " does not answer (" + e.getMessage() + ")");
    }
  }

  /** A TLS handshake with the broker: reachable, and its certificate (and ours) accepted. */
  private static Line broker(String url, javax.net.ssl.SSLSocketFactory sockets) throws IOException {
    URI u = URI.create(url);
    if (!"ssl".equals(u.getScheme())) return line(Level.FAIL, url + ": not TLS (ssl://)");
    try (var plain = new java.net.Socket()) {
      plain.connect(new InetSocketAddress(u.getHost(), u.getPort()), (int) NETWORK_TIMEOUT.toMillis());
      plain.setSoTimeout((int) NETWORK_TIMEOUT.toMillis());
      try (SSLSocket s = (SSLSocket) sockets.createSocket(plain, u.getHost(), u.getPort(), true)) {
        s.startHandshake();
        return line(Level.ok, url + ": TLS " + s.getSession().getProtocol() + " handshake done");
      }
    }
  }

  /** The hub checks its own broker's TLS listener; the terminals' handshakes check its certificate. */
  private static javax.net.ssl.SSLSocketFactory anyServer() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] chain, String auth) {}
      @Override public void checkServerTrusted(X509Certificate[] chain, String auth) {}
      @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }}, null);
    return ctx.getSocketFactory();
  }

  /** The earliest end of validity among the certificates in a PEM or DER file. */
  static Line expiry(Path file) throws Exception {
    if (!Files.exists(file)) return line(Level.FAIL, file + " is missing");
    List<X509Certificate> certs;
    try (InputStream in = Files.newInputStream(file)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream().map(c -> (X509Certificate) c).toList();
    }
    if (certs.isEmpty()) return line(Level.FAIL, file + " holds no certificate");
    X509Certificate first = certs.stream().min(java.util.Comparator.comparing(X509Certificate::getNotAfter)).orElseThrow();
    Instant end = first.getNotAfter().toInstant();
    Duration left = Duration.between(Instant.now(), end);
    String what = file + " (" + first.getSubjectX500Principal().getName() + ") valid until " + end;
    if (left.isNegative()) return line(Level.FAIL, what + ": expired");
    if (left.compareTo(RENEW_BEFORE) < 0) return line(Level.warn, what + ": " + left.toDays() + " days left, renew it");
    return line(Level.ok, what);
  }

  /**
   * Whether the system clock is synchronised (certificates, CardIds' dates and fares depend on it):
   * timedatectl where systemd runs, else systemd-timesyncd's or chrony's own word.
   */
  static Line clock() throws Exception {
    String ntp = run("timedatectl", "show", "-p", "NTPSynchronized", "--value");
    if ("yes".equals(ntp)) return line(Level.ok, "synchronised (timedatectl)");
    if ("no".equals(ntp)) return line(Level.FAIL, "not synchronised: timedatectl says NTPSynchronized=no (check timesyncd/chrony and the network)");
    if (Files.exists(Path.of("/run/systemd/timesync/synchronized"))) return line(Level.ok, "synchronised (systemd-timesyncd)");
    String chrony = run("chronyc", "-n", "tracking");
    if (chrony != null && chrony.contains("Leap status     : Normal")) return line(Level.ok, "synchronised (chrony)");
    return line(Level.FAIL, "cannot tell whether the clock is synchronised: no answer from timedatectl, timesyncd or chrony");
  }

  /** A command's output, trimmed, or null when it is missing, fails or takes too long. */
  private static String run(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(NETWORK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static Line disk(Path dir) throws IOException {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    if (existing == null) return line(Level.FAIL, dir + ": no such directory");
    FileStore store = Files.getFileStore(existing);
    long free = store.getUsableSpace();
    long total = store.getTotalSpace();
    String what = existing + ": " + (free >> 20) + " MiB free of " + (total >> 20) + " MiB";
    if (free < MIN_FREE_BYTES) return line(Level.FAIL, what + " (less than " + (MIN_FREE_BYTES >> 20) + " MiB)");
    if (free * 10 < total) return line(Level.warn, what + " (under 10 %)");
    return line(Level.ok, what);
  }

  /** The lists' ages as the terminal itself judges them (ListAges), read beside a running agent. */
  static Line lists(Path db, Duration max) throws IOException {
    if (!Files.exists(db)) return line(Level.FAIL, "no lists received from the hub yet (" + db + " missing)");
    try (DownlinkStore store = DownlinkStore.open(db)) {
      ListAges ages = ListAges.of(store, max, Instant.now());
      String each = ages.ages().entrySet().stream()
          .map(e -> e.getKey() + " " + jp.mynaterm.config.DurationText.format(e.getValue().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)))
          .collect(Collectors.joining(", "));
      return ages.warn() ? line(Level.FAIL, ages.state()) : line(Level.ok, each.isEmpty() ? "current" : each + " old (limit " + jp.mynaterm.config.DurationText.format(max) + ")");
    }
  }
}
