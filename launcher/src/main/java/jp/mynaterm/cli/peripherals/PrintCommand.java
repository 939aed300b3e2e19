package jp.mynaterm.cli.peripherals;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "print",
    mixinStandardHelpOptions = true,
    description = "A4 certificates: render or print a sample (print sample).",
    subcommands = {PrintSampleCommand.class})
public final class PrintCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
