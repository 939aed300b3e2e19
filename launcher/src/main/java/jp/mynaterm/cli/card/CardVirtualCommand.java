package jp.mynaterm.cli.card;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.hardware.card.virtual.VpcdClient;
import jp.mynaterm.protocol.card.Serials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "virtual",
    mixinStandardHelpOptions = true,
    description = {
      "Puts a virtual My Number card into pcscd's vpcd reader until stopped (Ctrl-C).",
      "Its test PKI is created on first use in --data; `card auth` trusts it with default options."
    })
final class CardVirtualCommand implements Callable<Integer> {
  @Option(names = "--vpcd", paramLabel = "HOST:PORT", description = "vpcd to connect to (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1:35963")
  String vpcd;

  @Option(names = "--resident", paramLabel = "ID", description = "Synthetic resident whose card this is (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  String resident;

  @Option(names = "--pin", paramLabel = "PIN", description = "The card's 4-digit PIN (default: ${DEFAULT-VALUE}; test cards only).", defaultValue = "1234")
  String pin;

  @Option(names = "--data", paramLabel = "DIR", description = "Test PKI directory (default: var/cards in the installation).")
  Path data;

  @Override
  public Integer call() throws Exception {
    int colon = vpcd.lastIndexOf(':');
    if (colon <= 0) throw new CommandFailure(ExitCodes.USAGE, "--vpcd must be HOST:PORT, e.g. 127.0.0.1:35963");
    int port;
    try {
      port = Integer.parseInt(vpcd.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new CommandFailure(ExitCodes.USAGE, "--vpcd port is not a number: " + vpcd);
    }
    if (!pin.matches("[0-9]{4}")) throw new CommandFailure(ExitCodes.USAGE, "--pin must be 4 digits");
    Resident who = Resident.find(resident).orElseThrow(() -> new CommandFailure(ExitCodes.USAGE,
        "no resident '" + resident + "'; known: " + Resident.all().stream().map(Resident::id).toList()));
    VirtualCardPki pki = VirtualCardPki.openOrCreate(data != null ? data : Launch.virtualCardPki());
    // As a plastic card: a PIN blocked here stays blocked when this process restarts.
    VirtualMyNumberCard card = VirtualMyNumberCard.persistentForResident(pki, who, pin);
    try (VpcdClient client = VpcdClient.start(card, vpcd.substring(0, colon), port)) {
      System.out.println("virtual card: resident " + client.card().resident().id() + ", user-auth serial " + Serials.toHex(card.material().userAuth()));
      System.out.println("vpcd: " + vpcd + " (pcscd reader \"Virtual PCD 00 0" + (port - 35963) + "\")");
      System.out.println("trust anchors: " + pki.trustAnchorsFile());
      System.out.println("PIN counters: " + pki.directory().resolve("cards").resolve(who.id() + ".pins") + " (delete it to unblock)");
      System.out.println("running; Ctrl-C takes the card out. / 実行中。Ctrl-C でカードを抜きます。");
      Launch.awaitShutdown();
    }
    return ExitCodes.OK;
  }
}
