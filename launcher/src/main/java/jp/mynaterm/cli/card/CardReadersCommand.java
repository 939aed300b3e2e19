package jp.mynaterm.cli.card;

import java.util.List;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pcsc.Readers;
import picocli.CommandLine.Command;

@Command(name = "readers", mixinStandardHelpOptions = true, description = "Lists PC/SC readers and whether a card is in each.")
final class CardReadersCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    switch (Readers.ofThisJvm().list()) {
      case CardResult.Failed<List<Readers.Reader>> f -> throw new CommandFailure(ExitCodes.FAILURE, f.problem().describe());
      case CardResult.Ok<List<Readers.Reader>> ok -> {
        if (ok.value().isEmpty()) System.out.println("no readers");
        for (Readers.Reader r : ok.value()) System.out.println(r.name() + "\tcard: " + (r.cardPresent() ? "yes" : "no"));
      }
    }
    return ExitCodes.OK;
  }
}
