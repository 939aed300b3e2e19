package jp.mynaterm.cli.staff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.hub.storage.Database;
import picocli.CommandLine.Option;

/** What the staff commands share: which hub, its accounts, and reading a password without echo. */
final class StaffOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Hub configuration (default: ${DEFAULT-VALUE}).", defaultValue = "config/examples/hub.yaml")
  Path config;

  interface Use {
    void with(StaffAccounts accounts) throws SQLException, IOException;
  }

  /** Runs {@code use} on the hub's accounts; bad input is one line and exit 2. */
  void withAccounts(Use use) throws Exception {
    HubConfig cfg = new ConfigLoader().load(resolve(config), HubConfig.class);
    try (Database db = Database.open(cfg.storage())) {
      use.with(new StaffAccounts(db, Clock.systemUTC(), jp.mynaterm.cli.Launch.operator()));
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
    }
  }

  /** A relative path from here if it exists, else from the installation root (as every hub command reads it). */
  private static Path resolve(Path p) {
    Path fromHome = Path.of(System.getProperty("mynaterm.home", ".")).resolve(p);
    return p.isAbsolute() || Files.exists(p) || !Files.exists(fromHome) ? p : fromHome;
  }

  @Option(names = "--password-stdin", description = "Read the new password as one line from standard input (scripts) instead of the terminal.")
  boolean passwordFromStdin;

  /** The new password: typed twice without echo at the terminal, or one line from standard input. */
  char[] newPassword() throws IOException {
    var console = System.console();
    if (!passwordFromStdin) {
      if (console == null) throw new CommandFailure(ExitCodes.USAGE, "no terminal to type the password at; give --password-stdin");
      char[] first = console.readPassword("new password / 新しいパスワード: ");
      char[] again = console.readPassword("again / もう一度: ");
      if (first == null || again == null || !java.util.Arrays.equals(first, again)) throw new CommandFailure(ExitCodes.USAGE, "the passwords differ / パスワードが一致しません");
      return first;
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null || line.isEmpty()) throw new CommandFailure(ExitCodes.USAGE, "no password on standard input");
    return line.toCharArray();
  }
}
