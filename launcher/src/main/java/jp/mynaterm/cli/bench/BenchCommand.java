package jp.mynaterm.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Benchmarks. Each prints figures measured in one run, each beside a baseline measured in the same
 * run (the machine is shared and noisy), and ends with one result line {@code NAME key=value …}. A
 * benchmark is a {@link Benchmark}; {@link Rounds} times its flow and baseline round by round.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks; each compares with a baseline measured in the same run.",
    subcommands = {
      BenchTapCommand.class,
      BenchRevocationCommand.class,
      BenchIngestCommand.class,
      BenchDrainCommand.class,
      BenchRideCommand.class,
      BenchIssueCommand.class,
      BenchConnectStormCommand.class,
      BenchChaosCommand.class,
      BenchBookingCommand.class,
      BenchConsoleCommand.class,
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
