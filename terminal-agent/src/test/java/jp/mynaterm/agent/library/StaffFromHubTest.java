package jp.mynaterm.agent.library;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.counter.CardOnReader;
import jp.mynaterm.agent.counter.PageClient;
import jp.mynaterm.config.CardSettings;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.LibraryConfig;
import jp.mynaterm.config.LibrarySettings;
import jp.mynaterm.config.MqttSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.config.TerminalSettings;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.message.StaffEntry;
import jp.mynaterm.protocol.staff.StaffRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staff accounts are managed at the hub and reach the library counter as its staff list, through the
 * embedded broker: an account added at the hub signs in at the library page, a disabled one is refused
 * (and its open session ends), the hospital's staff never reach the library, and the last list received
 * signs staff in while the hub is away.
 */
class StaffFromHubTest {
  private static final Duration SECONDS = Duration.ofSeconds(30);
  @TempDir Path dir;

  @Test
  void accountsAddedAtTheHubSignInAtTheLibraryPageAndDisabledOnesAreRefused() throws Exception {
    HubConfig hubConfig = Rig.hubConfig(dir.resolve("hub"), Rig.freePort());
    Hub hub = Hub.start(hubConfig);
    try {
      StaffAccounts staff = hub.staff();
      staff.add("librarian-1", "図書 花子", Set.of(StaffRole.LIBRARY), "library-password");
      staff.add("nurse-1", "受付 太郎", Set.of(StaffRole.HOSPITAL), "hospital-password");
      LibraryConfig config = library("library-1", hubConfig);
      try (Agent agent = Agent.start(config, "test");
          LibraryCounter counter = LibraryCounter.start(agent, config, CardOnReader.inProcess(Optional::empty), dir.resolve("cards"))) {
        // Made before the counter first connected: it comes with the counter's list sync.
        await("the library's staff list arrives").atMost(SECONDS).until(() -> account(agent, "librarian-1").isPresent());
        PageClient librarian = new PageClient(counter.port());
        assertEquals(200, librarian.signIn("librarian-1", "library-password").status());
        assertEquals(401, new PageClient(counter.port()).signIn("nurse-1", "hospital-password").status(), "the hospital's staff are not the library's");
        assertFalse(agent.downlink().versions().containsKey(ListName.staff(StaffRole.HOSPITAL).wire()), "the hospital's list never reaches the library");

        // Changes at the hub while the counter is connected reach it within seconds.
        staff.add("librarian-2", "図書 次郎", Set.of(StaffRole.LIBRARY), "second-password");
        await("a new account arrives").atMost(SECONDS).until(() -> account(agent, "librarian-2").isPresent());
        staff.disable("librarian-1");
        await("the disabled account arrives").atMost(SECONDS).until(() -> account(agent, "librarian-1").map(StaffEntry::disabled).orElse(false));
        assertFalse(librarian.get("/api/session").body().path("signedIn").asBoolean(), "the disabled account's session has ended");
        assertEquals(401, new PageClient(counter.port()).signIn("librarian-1", "library-password").status(), "a disabled account is refused");

        hub.close();
        hub = null;
        // Offline: the last list received still signs staff in.
        await("the counter notices the hub is gone").atMost(SECONDS).until(() -> !agent.connected());
        assertEquals(200, new PageClient(counter.port()).signIn("librarian-2", "second-password").status());
      }
    } finally {
      if (hub != null) hub.close();
    }
  }

  private static Optional<StaffEntry> account(Agent agent, String user) {
    return agent.downlink().staffAccount(StaffRole.LIBRARY, user);
  }

  /** A library counter enrolled with the hub, its page on a free loopback port, no library system. */
  private LibraryConfig library(String id, HubConfig hub) {
    String url = Rig.enroll(hub, id, Role.LIBRARY, dir);
    MqttSettings mqtt = new MqttSettings(url, null, null, null, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1), null, null);
    return new LibraryConfig(Role.LIBRARY, Rig.CITY, new TerminalSettings(id, dir.resolve(id).toString(), Duration.ofHours(1), null), mqtt, null,
        CardSettings.DEFAULT, new LibrarySettings(new HttpSettings("127.0.0.1", 0), null, new HttpSettings("127.0.0.1", 0), null), null, true);
  }
}
