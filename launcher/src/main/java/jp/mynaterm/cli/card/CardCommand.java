package jp.mynaterm.cli.card;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.protocol.card.CardIds;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Card tools: the virtual card, readers, what a card says, holder authentication. */
@Command(
    name = "card",
    mixinStandardHelpOptions = true,
    description = "Card tools: virtual, readers, info, auth, tap.",
    subcommands = {
      CardVirtualCommand.class,
      CardReadersCommand.class,
      CardInfoCommand.class,
      CardAuthCommand.class,
      CardTapCommand.class,
    })
public final class CardCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The CardId key from the command line, else the published development key (said on stderr). */
  static CardIds cardIds(String keyText) {
    if (keyText == null || keyText.isBlank()) {
      System.err.println("note: CardIds use the development key; pass --cardid-key for a municipality's key");
      return CardIds.development();
    }
    try {
      return CardIds.fromKeyText(keyText);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, "--cardid-key: " + e.getMessage());
    }
  }

  /** JDK 22+ returns a Console for redirected input too and says so through isTerminal(). */
  private static boolean isTerminal(Console console) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a Console exists only for a terminal
    }
  }

  /** The PIN from the terminal without echo, or one line of stdin when there is no terminal. */
  static char[] readPin(String prompt) {
    Console console = System.console();
    if (console != null && isTerminal(console)) {
      char[] pin = console.readPassword("%s", prompt);
      return pin == null ? new char[0] : pin;
    }
    try {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? new char[0] : line.strip().toCharArray();
    } catch (IOException e) {
      return new char[0];
    }
  }
}
