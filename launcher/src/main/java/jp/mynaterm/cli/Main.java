package jp.mynaterm.cli;

import jp.mynaterm.cli.agent.AgentCommand;
import jp.mynaterm.cli.bench.BenchCommand;
import jp.mynaterm.cli.card.CardCommand;
import jp.mynaterm.cli.demo.DemoCommand;
import jp.mynaterm.cli.hub.HubCommand;
import jp.mynaterm.cli.kiosk.KioskCommand;
import jp.mynaterm.cli.peripherals.PrintCommand;
import jp.mynaterm.cli.peripherals.ReceiptCommand;
import jp.mynaterm.config.ConfigException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point behind {@code ./mynaterm}. Each role and tool is a subcommand, in a package per
 * command family (card, hub, agent, kiosk, peripherals, bench, demo); what they share stays here. A
 * command whose issue is not built yet says so and exits with {@link ExitCodes#USAGE}.
 */
@Command(
    name = "mynaterm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "My Number card terminals and their hub. / マイナンバーカード端末とハブ。",
      ""
    })
public final class Main implements Runnable {
  /**
   * The subcommands, in the order help lists them. Only the one a command line names is built: picocli
   * reads every option of every command it is given, and building the whole tree was an eighth of
   * what a taxi agent spent starting on a Raspberry Pi's class of CPU. Help and a mistyped name get them all.
   */
  private static final List<Class<?>> COMMANDS = List.of(
      DemoCommand.class,
      TestCommand.class,
      PackageCommand.class,
      HubCommand.class,
      AgentCommand.class,
      KioskCommand.class,
      CardCommand.class,
      PrintCommand.class,
      ReceiptCommand.class,
      BenchCommand.class,
      ConfigCommand.class,
      jp.mynaterm.cli.pki.PkiCommand.class,
      jp.mynaterm.cli.verify.VerifyCommand.class,
      jp.mynaterm.cli.doctor.DoctorCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    JulBridge.install();
    int exit = execute(args);
    Launch.finished();
    // During a SIGTERM's shutdown this blocks until the hooks return; the JVM then exits with 143.
    System.exit(exit);
  }

  /** Runs one command line and returns its exit code; tests call this instead of {@link #main}. */
  public static int execute(String... args) {
    return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs one command line with the given output streams, for tests. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    List<Class<?>> named = COMMANDS.stream().filter(c -> args.length > 0 && c.getAnnotation(Command.class).name().equals(args[0])).toList();
    for (Class<?> command : named.isEmpty() ? COMMANDS : named) cli.addSubcommand(command);
    if (cli.getSubcommands().get("hub") instanceof CommandLine hub) hub.addSubcommand(new jp.mynaterm.cli.staff.StaffCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(Main::handleFailure);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("mynaterm: " + e.getMessage());
          e.getCommandLine().getErr().println("see: mynaterm " + commandPath(e.getCommandLine()) + " --help");
          return ExitCodes.USAGE;
        });
    return cli.execute(args);
  }

  /** Known failures are one line and a specific code; anything else is one line and code 1. */
  private static int handleFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    return switch (e) {
      case ConfigException c -> {
        cli.getErr().println("mynaterm: " + c.getMessage());
        yield ExitCodes.USAGE;
      }
      case jp.mynaterm.agent.store.SqliteFile.Unavailable u -> {
        // A terminal's store that cannot be opened (busy, I/O error, disk full, read-only): it is not
        // moved aside, and the terminal does not start on another file.
        cli.getErr().println("mynaterm: " + u.getMessage());
        yield ExitCodes.USAGE;
      }
      case CommandFailure f -> {
        cli.getErr().println("mynaterm: " + f.getMessage());
        yield f.exitCode();
      }
      default -> {
        org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
        cli.getErr().println("mynaterm: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        yield ExitCodes.FAILURE;
      }
    };
  }

  private static String commandPath(CommandLine cli) {
    return cli.getCommandSpec().qualifiedName(" ").replaceFirst("^mynaterm ?", "");
  }
}
