package jp.mynaterm.cli.card;

import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.protocol.card.CardIds;
import picocli.CommandLine.Option;

/** Options shared by the card commands that talk to a card in a reader. */
final class CardReaderOptions {
  @Option(names = "--reader", paramLabel = "NAME", description = "Reader name or a unique part of it (default: the first with a card).")
  String reader;

  @Option(names = "--cardid-key", paramLabel = "KEY", description = "Municipality CardId key, hex or base64 (default: the development key).")
  String cardIdKey;

  CardIds cardIds() {
    return CardCommand.cardIds(cardIdKey);
  }

  MyNumberCard connect() {
    return CardAuthCommand.connect(reader);
  }
}
