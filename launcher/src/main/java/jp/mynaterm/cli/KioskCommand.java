package jp.mynaterm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "kiosk", mixinStandardHelpOptions = true, description = "Runs the self-service certificate kiosk.")
final class KioskCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.notBuiltYet("kiosk");
  }
}
