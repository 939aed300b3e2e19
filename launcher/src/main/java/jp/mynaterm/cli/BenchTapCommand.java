package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "tap", mixinStandardHelpOptions = true, description = "Card taps over pcscd + vpcd against bare APDU exchanges.")
final class BenchTapCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.notBuiltYet("bench tap");
  }
}
