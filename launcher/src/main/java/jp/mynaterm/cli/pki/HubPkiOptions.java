package jp.mynaterm.cli.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.broker.trust.MosquittoAcl;
import jp.mynaterm.hub.pki.PkiRefused;
import jp.mynaterm.hub.pki.TerminalPki;
import picocli.CommandLine.Option;

/** Which hub's PKI: the one in its data directory ({@code hub.dataDir/pki}). */
final class HubPkiOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Hub configuration (default: ${DEFAULT-VALUE}).", defaultValue = "config/examples/hub.yaml")
  Path config;

  HubConfig hub() {
    return new ConfigLoader().load(Launch.resolve(config), HubConfig.class);
  }

  Path dir() {
    return TerminalPki.in(hub().hub().dataPath());
  }

  /** The PKI, writing Mosquitto's ACL after every change. */
  TerminalPki open() throws IOException {
    try {
      return TerminalPki.open(dir(), Clock.systemUTC(), MosquittoAcl.EXPORT);
    } catch (PkiRefused e) {
      throw refused(e);
    }
  }

  /** A command-line value checked by the config module's rules; a bad one is exit 2 naming the option. */
  static <T> T argument(String name, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, name + ": " + e.getMessage());
    }
  }

  static CommandFailure refused(PkiRefused e) {
    return new CommandFailure(ExitCodes.USAGE, e.getMessage());
  }
}
