package jp.mynaterm.cli.peripherals;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "receipt",
    mixinStandardHelpOptions = true,
    description = "Thermal slips in ESC/POS: print a sample reception slip (receipt sample).",
    subcommands = {ReceiptSampleCommand.class})
public final class ReceiptCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
