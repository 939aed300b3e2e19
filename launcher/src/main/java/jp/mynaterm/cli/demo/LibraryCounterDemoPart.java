package jp.mynaterm.cli.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.counter.CardOnReader;
import jp.mynaterm.agent.library.LibraryCounter;
import jp.mynaterm.agent.library.sip2.sim.StrictSip2Server;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.LibraryConfig;
import jp.mynaterm.config.LibrarySettings;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.protocol.staff.StaffRole;
import jp.mynaterm.config.Sip2Settings;

/**
 * The library counter's staff page on the demo's library agent, with a simulated library system
 * (the real one is the library's own SIP2 server) and resident 1's virtual card on an in-process
 * reader (pcscd's vpcd reader is the demo taxi's).
 */
final class LibraryCounterDemoPart implements DemoPart {
  static final String DEMO_STAFF = "demo-staff";
  private StrictSip2Server library;
  private LibraryCounter counter;

  @Override
  public List<String> start(DemoContext context) throws Exception {
    Agent agent = context.get("agent.library", Agent.class);
    library = new StrictSip2Server(StandardCharsets.UTF_8, "counter", "demo");
    library.validPatrons.put("P-0001", "");
    library.titles.put("9784000000001", "吾輩は猫である");
    library.titles.put("9784000000002", "坊っちゃん");
    library.titles.put("9784000000003", "こころ");
    LibraryConfig base = (LibraryConfig) agent.config();
    // pcscd's vpcd reader belongs to the demo taxi; the counter has its own reader, in this process.
    CardOnReader reader = CardOnReader.virtualResident(Launch.virtualCardPki(), "1", "1234");
    HttpSettings ui = base.library().staffUi();
    // Port 8081 taken (another demo, another program): the page still runs, on a free port.
    HttpSettings residentUi = base.library().residentUi();
    LibraryConfig config = withSimulator(base, free(ui) ? ui : new HttpSettings(ui.host(), 0), free(residentUi) ? residentUi : new HttpSettings(residentUi.host(), 0));
    // Development only: a staff account for the demo, at the hub like any other (it reaches the counters
    // as their staff list), with a password made now and printed below.
    String password = DemoStaff.account(context.get("hub", Hub.class).staff(), DEMO_STAFF, "デモ職員 / demo staff", java.util.Set.of(StaffRole.LIBRARY, StaffRole.HOSPITAL));
    counter = LibraryCounter.start(agent, config, reader, Launch.virtualCardPki());
    return List.of(
        "library staff page: http://" + config.library().staffUi().host() + ":" + counter.port() + "/ (resident 1's card on the counter's in-process reader)",
        "library resident PIN page (the patron's display): http://" + config.library().residentUi().host() + ":" + counter.residentPort() + "/ (PIN 1234)",
        "library and hospital staff sign-in (demo only): user " + DEMO_STAFF + ", password " + password,
        "library system: SIP2 simulator on 127.0.0.1:" + library.port() + " (patron P-0001; items 9784000000001, 9784000000002, 9784000000003)");
  }

  private static boolean free(HttpSettings ui) {
    try (var probe = new java.net.ServerSocket(ui.port(), 1, java.net.InetAddress.getByName(ui.host()))) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private LibraryConfig withSimulator(LibraryConfig base, HttpSettings staffUi, HttpSettings residentUi) {
    Sip2Settings sip2 = new Sip2Settings("127.0.0.1", library.port(), "UTF-8", false, "counter", "demo", "mino", "mino-library");
    return new LibraryConfig(base.role(), base.municipality(), base.terminal(), base.mqtt(), base.outbox(), base.card(),
        new LibrarySettings(staffUi, sip2, residentUi, base.library().memberKey()), base.peripherals(), base.development());
  }

  @Override
  public void close() throws Exception {
    if (counter != null) counter.close();
    if (library != null) library.close();
  }
}
