package jp.mynaterm.cli.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.cli.ExampleConfigs;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.pki.EnrollmentClient;
import jp.mynaterm.hub.pki.LocalEnrollment;
import jp.mynaterm.hub.pki.TerminalKeys;

/**
 * A device at the door (development only): terminal {@value #TERMINAL} asks the demo hub to be enrolled,
 * as {@code ./mynaterm agent enroll} does, and waits in the background; its code is printed, and the
 * request waits in the console's 端末の登録 for the demo administrator to approve or refuse. Each start
 * begins afresh (an earlier demo's certificate for it is revoked, its key removed).
 */
final class EnrollmentDemoPart implements DemoPart {
  static final String TERMINAL = "demo-new-kiosk";
  private Thread waiting;

  @Override
  public List<String> start(DemoContext context) throws Exception {
    Hub hub = context.get("hub", Hub.class);
    if (!hub.config().development() || hub.httpPort().isEmpty()) return List.of();
    var pki = ExampleConfigs.hubPki(hub.config());
    if (pki.terminal(TERMINAL).filter(t -> !t.revoked()).isPresent()) pki.revoke(TERMINAL);
    for (var waitingBefore : pki.pending()) if (waitingBefore.terminal().equals(TERMINAL)) pki.refuse(waitingBefore.id());
    Path dir = context.dataRoot().resolve(TERMINAL).resolve("tls");
    for (String f : List.of(TerminalKeys.KEY, TerminalKeys.CSR, TerminalKeys.CERT, LocalEnrollment.CA_FILE)) java.nio.file.Files.deleteIfExists(dir.resolve(f));
    String site = "http://" + hub.config().http().host() + ":" + hub.httpPort().getAsInt();
    var codes = new LinkedBlockingQueue<String>();
    waiting = Thread.ofVirtual().name("demo-enrollment").start(() -> {
      try {
        new EnrollmentClient(URI.create(site), Duration.ofSeconds(2), Duration.ofSeconds(10)).enroll(TERMINAL, Role.KIOSK, dir, null, codes::add);
        System.out.println("demo: " + TERMINAL + " enrolled; its certificate is in " + dir);
      } catch (InterruptedException e) {
        // the demo stopped while it waited
      } catch (Exception e) {
        System.out.println("demo: " + TERMINAL + ": " + e.getMessage());
      }
    });
    String code = codes.poll(30, TimeUnit.SECONDS);
    if (code == null) return List.of("enrollment: " + TERMINAL + " could not ask the hub (see above)");
    return List.of("enrollment: device " + TERMINAL + " shows code " + code + "; approve or refuse it at " + site + "/console/enrollment");
  }

  @Override
  public void close() {
    if (waiting != null) waiting.interrupt();
  }
}
