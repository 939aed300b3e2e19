package jp.mynaterm.agent.counter;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pcsc.Readers;
import jp.mynaterm.hardware.card.virtual.InProcessCard;
import jp.mynaterm.hardware.card.virtual.VirtualPinPad;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;

/**
 * The card lying on the counter's reader, connected afresh for each staff action (a card is put
 * down and taken away between patrons, so no connection is kept).
 */
@FunctionalInterface
public interface CardOnReader {
  CardResult<MyNumberCard> connect();

  /** @param reader the PC/SC reader name or a unique part of it; empty: the first reader with a card */
  static CardOnReader pcsc(String reader) {
    String name = reader == null || reader.isEmpty() ? null : reader;
    return () -> Readers.ofThisJvm().connect(name).map(MyNumberCard::new);
  }

  /** A virtual card in this process (tests, the demo without pcscd); empty means no card is on the reader. */
  static CardOnReader inProcess(Supplier<Optional<VirtualMyNumberCard>> current) {
    return inProcess(current, null);
  }

  /**
   * A virtual card in this process on a reader with a PIN pad (PC/SC part 10, which vpcd lacks): the
   * resident's keys on it are {@code pad}'s.
   *
   * @param pad the reader's PIN pad; null for a reader without one
   */
  static CardOnReader inProcess(Supplier<Optional<VirtualMyNumberCard>> current, VirtualPinPad pad) {
    return () ->
        current.get()
            .<CardResult<MyNumberCard>>map(v -> new CardResult.Ok<>(new MyNumberCard(new InProcessCard(v, pad), Duration.ofSeconds(5))))
            .orElseGet(() -> CardResult.failed(new CardProblem.NoCard("the virtual reader")));
  }

  /**
   * A bundled virtual resident's card always on an in-process reader (the demo, {@code agent
   * --virtual-card}); its PIN is {@code pin}.
   *
   * @throws IllegalArgumentException when there is no such resident
   */
  static CardOnReader virtualResident(java.nio.file.Path pkiDir, String residentId, String pin) throws java.io.IOException {
    var resident = jp.mynaterm.hardware.card.virtual.Resident.find(residentId)
        .orElseThrow(() -> new IllegalArgumentException("no virtual resident " + residentId));
    VirtualMyNumberCard card = VirtualMyNumberCard.forResident(jp.mynaterm.hardware.card.virtual.VirtualCardPki.openOrCreate(pkiDir), resident, pin);
    return inProcess(() -> Optional.of(card));
  }
}
