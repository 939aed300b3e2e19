package jp.mynaterm.cli.card;

import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.hardware.card.CardCertificates;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.Serials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Prints what the card says without a PIN, as key: value lines (no personal data).")
final class CardInfoCommand implements Callable<Integer> {
  @Mixin CardReaderOptions options;

  @Override
  public Integer call() {
    CardIds ids = options.cardIds();
    MyNumberCard card = options.connect();
    try {
      CardCertificates certs = CardAuthCommand.orFail(card.certificates());
      var cert = certs.userAuth();
      System.out.println("reader: " + card.reader());
      System.out.println("atr: " + card.atrHex());
      System.out.println("cert.subject: " + cert.getSubjectX500Principal().getName());
      System.out.println("cert.issuer: " + cert.getIssuerX500Principal().getName());
      System.out.println("cert.serial: " + Serials.toHex(cert));
      System.out.println("cert.notBefore: " + cert.getNotBefore().toInstant());
      System.out.println("cert.notAfter: " + cert.getNotAfter().toInstant());
      System.out.println("ca.subject: " + certs.ca().getSubjectX500Principal().getName());
      int tries = CardAuthCommand.orFail(card.pinTriesLeft());
      System.out.println("pin.triesLeft: " + (tries < 0 ? "verified" : Integer.toString(tries)));
      System.out.println("cardId: " + ids.derive(cert));
    } finally {
      card.disconnect();
    }
    return ExitCodes.OK;
  }
}
