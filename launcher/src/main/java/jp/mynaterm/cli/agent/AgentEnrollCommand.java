package jp.mynaterm.cli.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.Check;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.Role;
import jp.mynaterm.config.TerminalConfig;
import jp.mynaterm.hub.pki.EnrollmentClient;
import jp.mynaterm.hub.pki.PkiRefused;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = {
      "On a terminal with no certificate: makes its key (owner-only; it never leaves the device), asks the hub to enroll it,",
      "prints a short code, and waits until staff compare that code in the hub's console (端末の登録 / Terminal enrollment)",
      "and approve. The certificate and the CA are then stored where the agent looks for its TLS identity.",
      "Exit 0: enrolled; 1: refused, expired, or the hub could not be reached."
    })
final class AgentEnrollCommand implements Callable<Integer> {
  @Option(names = "--hub", required = true, paramLabel = "URL", description = "The hub's web address, e.g. https://hub.city.example:8080 (its http: server).")
  URI hub;

  @Option(names = "--config", paramLabel = "FILE", description = "The terminal's configuration: its id, role and TLS directory ({terminal.dataDir}/tls).")
  Path config;

  @Option(names = "--terminal", paramLabel = "ID", description = "This terminal's id (default: from --config).")
  String terminal;

  @Option(names = "--role", paramLabel = "ROLE", description = "kiosk, taxi, library or hospital: the role asked; staff confirm it (default: from --config).")
  String roleName;

  @Option(names = "--out", paramLabel = "DIR", description = "Where the key, request and certificate live (default: from --config).")
  Path out;

  @Option(names = "--ca-sha256", paramLabel = "HEX",
      description = "The SHA-256 of the hub's CA certificate (./mynaterm pki list prints it): the CA the hub sends must be this one.")
  String caSha256;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (config != null) {
      TerminalConfig cfg = new ConfigLoader().load(Launch.resolve(config), TerminalConfig.class);
      if (terminal == null) terminal = cfg.terminal().id();
      if (roleName == null) roleName = cfg.role().key();
      if (out == null) out = cfg.mqtt().tls().keyIn(cfg.terminal().dataPath()).getParent();
    }
    if (terminal == null || roleName == null || out == null) throw new CommandFailure(ExitCodes.USAGE, "agent enroll: give --config, or --terminal, --role and --out");
    try {
      Check.terminalId("terminal", terminal);
    } catch (RuntimeException e) {
      throw new CommandFailure(ExitCodes.USAGE, "--terminal: " + e.getMessage());
    }
    Role role;
    try {
      role = Role.of(roleName);
    } catch (RuntimeException e) {
      throw new CommandFailure(ExitCodes.USAGE, "--role: " + e.getMessage());
    }
    var stdout = spec.commandLine().getOut();
    try {
      var cert = new EnrollmentClient(hub, Duration.ofSeconds(2), Duration.ofSeconds(30)).enroll(terminal, role, out, caSha256, code -> {
        stdout.println("enrollment code: " + code);
        stdout.println("asked " + hub + " to enroll " + terminal + " as " + role.key() + "; staff compare this code in the console (端末の登録) and approve. Waiting…");
        stdout.flush();
      });
      stdout.println("enrolled: certificate " + cert.getSerialNumber().toString(16) + " for " + terminal + " in " + out + " (with ca.pem); the agent can connect over TLS");
      return ExitCodes.OK;
    } catch (PkiRefused e) {
      throw new CommandFailure(ExitCodes.FAILURE, "agent enroll: " + e.getMessage());
    } catch (java.io.IOException e) {
      // The JDK's HTTP client says nothing of a refused or unreachable address (its message is null).
      String why = e.getMessage() != null ? e.getMessage()
          : e instanceof java.net.ConnectException ? "cannot connect (is the hub running at that address? / ハブに接続できません)" : e.getClass().getSimpleName();
      throw new CommandFailure(ExitCodes.FAILURE, "agent enroll: " + hub + ": " + why);
    }
  }
}
