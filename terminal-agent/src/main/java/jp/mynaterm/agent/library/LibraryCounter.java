package jp.mynaterm.agent.library;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.counter.CardOnReader;
import jp.mynaterm.agent.trust.CardTrust;
import jp.mynaterm.agent.library.sip2.Sip2Client;
import jp.mynaterm.agent.linking.CounterLinking;
import jp.mynaterm.agent.members.AllowListFeed;
import jp.mynaterm.agent.members.MemberSeal;
import jp.mynaterm.agent.usage.AgentRecorder;
import jp.mynaterm.config.LibraryConfig;
import jp.mynaterm.config.Sip2Settings;
import jp.mynaterm.agent.counter.HubStaffAccounts;
import jp.mynaterm.agent.counter.StaffSignIn;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * The library counter terminal put together from its configuration: the staff page on
 * {@code library.staffUi}, the library system over SIP2 from {@code library.sip2} (none when its host
 * is empty), the patrons' allow-list from the hub, and the card on the counter's reader.
 */
public final class LibraryCounter implements AutoCloseable {
  public static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  /** A queue waits for the library system; once a minute is soon enough and costs nothing. */
  public static final Duration DRAIN_EVERY = Duration.ofMinutes(1);

  private final PendingTransactions queue;
  private final StaffServer server;

  private LibraryCounter(PendingTransactions queue, StaffServer server) {
    this.queue = queue;
    this.server = server;
  }

  /** @param virtualPkiDir the virtual card PKI, trusted only when {@code card.trustAnchors} is empty */
  public static LibraryCounter start(Agent agent, LibraryConfig config, CardOnReader reader, Path virtualPkiDir) throws IOException {
    Path data = config.terminal().dataPath();
    HolderAuthentication auth = CardTrust.authentication(config.card(), config.terminal().id() + " configuration", Path.of(""), virtualPkiDir, agent.downlink(), agent.messages().clock());
    AgentRecorder recorder = new AgentRecorder(agent);
    MemberSeal seal = MemberSeal.configured(config, "library.memberKey", config.library().memberKey());
    PendingTransactions queue = PendingTransactions.open(data.resolve("library-queue.db"));
    try {
      Sip2Settings sip2 = config.library().sip2();
      Optional<Circulation> circulation =
          sip2.host().isEmpty()
              ? Optional.empty()
              : Optional.of(new Circulation(sessions(sip2), queue, recorder, Clock.systemUTC(), JST, sip2.patronPasswords()));
      StaffServer server = new StaffServer(
          new StaffServer.Counter(reader, auth, new CounterLinking(StaffServer.SERVICE, auth, recorder, seal),
              AllowListFeed.follow(agent.downlink(), StaffServer.SERVICE, seal), circulation),
          new StaffSignIn(new HubStaffAccounts(agent.downlink(), StaffRole.LIBRARY), StaffRole.LIBRARY, Clock.systemUTC(), StaffSignIn.SHIFT),
          config.library().staffUi().host(), config.library().staffUi().port(), config.library().residentUi(), DRAIN_EVERY, config.development());
      server.listWarning(agent::listWarning);
      server.alerts(agent::activeAlerts, agent::alertShown);
      return new LibraryCounter(queue, server);
    } catch (RuntimeException e) {
      queue.close();
      throw e;
    }
  }

  /** A logged-in SIP2 session per transaction (the counter is idle most of the day). */
  public static Circulation.Sip2Sessions sessions(Sip2Settings s) {
    Sip2Client.Endpoint endpoint = new Sip2Client.Endpoint(s.host(), s.port(), s.tls(), Charset.forName(s.charset()), s.institution(), Duration.ofSeconds(5));
    return () -> {
      Sip2Client c = Sip2Client.connect(endpoint, Clock.systemUTC(), JST);
      try {
        c.login(s.user(), s.password() == null ? "" : s.password(), s.location());
        return c;
      } catch (RuntimeException | jp.mynaterm.agent.library.sip2.Sip2Exception e) {
        c.close();
        throw e;
      }
    };
  }

  public int port() {
    return server.port();
  }

  public int residentPort() {
    return server.residentPort();
  }

  @Override
  public void close() {
    server.close();
    queue.close();
  }
}
