package jp.mynaterm.cli.agent;

import jp.mynaterm.agent.trust.CardTrust;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.time.Clock;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.counter.CardOnReader;
import jp.mynaterm.agent.hospital.ReceptionCounter;
import jp.mynaterm.agent.hospital.ReceptionServer;
import jp.mynaterm.agent.library.LibraryCounter;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.HospitalConfig;
import jp.mynaterm.config.LibraryConfig;
import jp.mynaterm.agent.taxi.TaxiTerminal;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.hardware.Peripherals;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.TerminalConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Runs a terminal agent: --role taxi|library|hospital.",
    subcommands = {AgentRecoverCommand.class, AgentMemberKeyCommand.class, AgentEnrollCommand.class})
public final class AgentCommand implements Callable<Integer> {
  enum AgentRole {
    taxi,
    library,
    hospital
  }

  // Checked in call(), not by picocli: a required option here would be required of `agent recover` too.
  @Option(names = "--role", paramLabel = "ROLE", description = "taxi, library or hospital (required).")
  AgentRole role;

  @Option(names = "--config", paramLabel = "FILE", description = "Terminal configuration (default: config/examples/ROLE.yaml).")
  Path config;

  @Option(names = "--virtual-card", paramLabel = "RESIDENT",
      description = "library/hospital: use this virtual resident's card (PIN 1234) on an in-process reader instead of PC/SC.")
  String virtualCard;

  @Override
  public Integer call() throws Exception {
    if (role == null) throw new CommandFailure(ExitCodes.USAGE, "agent: --role is required (taxi, library or hospital); see: mynaterm agent --help");
    Path file = Launch.resolve(config != null ? config : Path.of("config/examples/" + role + ".yaml"));
    TerminalConfig cfg = new ConfigLoader().load(file, TerminalConfig.class);
    if (!cfg.role().key().equals(role.name())) {
      throw new CommandFailure(ExitCodes.USAGE, file + " is a " + cfg.role().key() + " configuration, not " + role);
    }
    if (cfg instanceof TaxiConfig taxi) return runTaxi(taxi, file);
    try (Agent agent = Agent.start(cfg, Launch.version())) {
      System.out.println(
          "started: agent " + agent.terminal() + " (" + role + ") → " + cfg.mqtt().url() + ", outbox " + agent.outbox().file()
              + " holds " + agent.outbox().depth() + " unsent events");
      switch (cfg) {
        case LibraryConfig library -> runLibrary(agent, library);
        case HospitalConfig hospital -> runHospital(agent, hospital);
        default -> Launch.awaitShutdown();
      }
    }
    return ExitCodes.OK;
  }

  private void runLibrary(Agent agent, LibraryConfig cfg) throws Exception {
    try (LibraryCounter counter = LibraryCounter.start(agent, cfg, counterCard(cfg.card().reader()), Launch.virtualCardPki())) {
      System.out.println("library staff page: http://" + cfg.library().staffUi().host() + ":" + counter.port() + "/ ("
          + (cfg.library().sip2().host().isEmpty() ? "no library system configured: loans and returns are refused with that reason" : "SIP2 " + cfg.library().sip2().host() + ":" + cfg.library().sip2().port()) + ")");
      System.out.println("resident PIN page (the patron's display): http://" + cfg.library().residentUi().host() + ":" + counter.residentPort() + "/");
      Launch.awaitShutdown();
    }
  }

  private void runHospital(Agent agent, HospitalConfig cfg) throws Exception {
    try (ReceptionServer reception = ReceptionCounter.start(agent, cfg, counterCard(cfg.card().reader()), Launch.virtualCardPki(), "美濃病院", Launch.home())) {
      System.out.println("hospital reception page: http://" + cfg.hospital().receptionUi().host() + ":" + reception.port() + "/");
      System.out.println("resident PIN page (the patient's display): http://" + cfg.hospital().residentUi().host() + ":" + reception.residentPort() + "/");
      Launch.awaitShutdown();
    }
  }

  /** The counter's card reader: PC/SC, or a virtual resident's card in this process. */
  private CardOnReader counterCard(String reader) throws java.io.IOException {
    if (virtualCard == null) return CardOnReader.pcsc(reader);
    try {
      return CardOnReader.virtualResident(Launch.virtualCardPki(), virtualCard, "1234");
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, "--virtual-card: " + e.getMessage());
    }
  }

  /** The vehicle reader: taps on the configured reader, lights and buzzer and the driver's button on GPIO. */
  private static int runTaxi(TaxiConfig cfg, Path file) throws Exception {
    String source = file.toString();
    TaxiTerminal.refuseUnsupported(cfg, source); // before any device is opened
    Agent.refuseToFallOpen(cfg); // before card trust is loaded: nothing falls open outside development mode
    var anchors = CardTrust.trustAnchors(cfg.card(), source, Launch.home(), Launch.virtualCardPki());
    try (Peripherals peripherals = Peripherals.open(cfg.peripherals(), Launch.home());
        TaxiTerminal taxi =
            TaxiTerminal.start(cfg, source, Launch.version(), anchors, peripherals.gpio(), peripherals.health(), Clock.systemUTC())) {
      taxi.watchReaders();
      System.out.println(
          "started: taxi " + taxi.agent().terminal() + " (vehicle " + cfg.taxi().vehicle() + ") → " + cfg.mqtt().url() + "; "
              + taxi.riders().size() + " riders, " + taxi.revocations().size() + " revoked serials; reader "
              + (cfg.card().reader().isEmpty() ? "any" : "'" + cfg.card().reader() + "'"));
      Launch.awaitShutdown();
    }
    return ExitCodes.OK;
  }
}
